// The HTTP answer that acknowledges a gateway's notification, as a plain
// object and as a fetch Response.

export function ackOf(body, type) {
  return { status: 200, headers: { "content-type": type }, body };
}

export function responseOf({ status, headers, body }) {
  return new Response(body, { status, headers });
}
