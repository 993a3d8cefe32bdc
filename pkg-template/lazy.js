// Stand-ins for the part of the API that Node's ESM entry loads only when a
// call first needs it (node-more.cjs): each loads it on first use and from
// then on does what the loaded export does. It is not the same object: a
// stand-in function's `length` and source text are its own.

/** A function that calls the export `name` of `load()`. */
export function lazyFunction(name, load) {
  let fn;
  return {
    [name](...args) {
      return (fn ??= load()[name]).apply(this, args);
    },
  }[name];
}

// Each stand-in class's target: the loader, then the loaded class.
const classes = new WeakMap();
const standIns = new WeakSet();

// On first use, the target becomes a copy of the class: its own properties
// become the class's, `prototype` included (for instanceof and subclassing).
// Every operation but `new` and a call then goes to the target: a proxy
// reports its target's fixed properties as they are, so they must be the
// target's own.
function loaded(target) {
  let cls = classes.get(target);
  if (typeof cls === "object") {
    const { name, load } = cls;
    cls = load()[name];
    classes.set(target, cls);
    for (const key of Reflect.ownKeys(cls)) {
      const d = Reflect.getOwnPropertyDescriptor(cls, key);
      if (key === "prototype") target.prototype = d.value;
      else Reflect.defineProperty(target, key, d);
    }
  }
  return cls;
}

const lazyClassHandler = {
  apply: (target, self, args) => Reflect.apply(loaded(target), self, args),
  construct(target, args, newTarget) {
    const cls = loaded(target);
    return Reflect.construct(cls, args, standIns.has(newTarget) ? cls : newTarget);
  },
};
for (const trap of Object.getOwnPropertyNames(Reflect)) {
  lazyClassHandler[trap] ??= (target, ...args) => {
    loaded(target);
    return Reflect[trap](target, ...args);
  };
}

/**
 * A class that is the export `name` of `load()` (a constructOnly proxy):
 * `new`, a call, statics, instanceof and subclassing all go to it.
 */
export function lazyClass(name, load) {
  const target = { [name]: function () {} }[name];
  classes.set(target, { name, load });
  const standIn = new Proxy(target, lazyClassHandler);
  standIns.add(standIn);
  return standIn;
}
