//! Field kinds: published examples (each confirmed valid by python-stdnum
//! unless noted), formatted input, changed check digits, wrong lengths and
//! characters, non-ASCII digits, empty and huge input.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

use payseal::payee::{validate_field, Context, KINDS};

fn check(kind: &str, value: &str, ctx: Context<'_>) -> Result<String, &'static str> {
    validate_field(kind, value, ctx)
        .unwrap()
        .map_err(|e| e.code)
}

fn valid(kind: &str, value: &str) -> String {
    check(kind, value, Context::default()).unwrap_or_else(|code| panic!("{kind} {value}: {code}"))
}

const EXAMPLES: &[(&str, &str, &str)] = &[
    (
        "iban",
        "GB82 WEST 1234 5698 7654 32",
        "GB82WEST12345698765432",
    ),
    ("iban", "de89370400440532013000", "DE89370400440532013000"),
    (
        "iban",
        "SA03 8000 0000 6080 1016 7519",
        "SA0380000000608010167519",
    ),
    (
        "iban",
        "AE07 0331 2345 6789 0123 456",
        "AE070331234567890123456",
    ),
    (
        "iban",
        "EG380019000500000000263180002",
        "EG380019000500000000263180002",
    ),
    (
        "iban",
        "TR33 0006 1005 1978 6457 8413 26",
        "TR330006100519786457841326",
    ),
    (
        "iban",
        "KW81CBKU0000000000001234560101",
        "KW81CBKU0000000000001234560101",
    ),
    (
        "iban",
        "QA58DOHB00001234567890ABCDEFG",
        "QA58DOHB00001234567890ABCDEFG",
    ),
    ("iban", "BH67BMAG00001299123456", "BH67BMAG00001299123456"),
    (
        "iban",
        "JO94CBJO0010000000000131000302",
        "JO94CBJO0010000000000131000302",
    ),
    ("iban", "OM810180000001299123456", "OM810180000001299123456"),
    ("bic", "deutdeff", "DEUTDEFF"),
    ("bic", "NEDSZAJJXXX", "NEDSZAJJXXX"),
    ("card.pan", "4111 1111 1111 1111", "4111111111111111"),
    ("card.pan", "5555-5555-5555-4444", "5555555555554444"),
    ("card.pan", "2223003122003222", "2223003122003222"),
    ("card.pan", "3782 822463 10005", "378282246310005"),
    ("card.pan", "6011111111111117", "6011111111111117"),
    ("card.pan", "3530111333300000", "3530111333300000"),
    ("card.pan", "6200000000000005", "6200000000000005"),
    ("card.pan", "36227206271667", "36227206271667"),
    ("card.pan", "4222222222222", "4222222222222"),
    ("br.cpf", "111.444.777-35", "11144477735"),
    ("br.cpf", "390.533.447-05", "39053344705"),
    ("br.cnpj", "11.222.333/0001-81", "11222333000181"),
    ("br.cnpj", "12.ABC.345/01DE-35", "12ABC34501DE35"),
    ("br.pix_key", "111.444.777-35", "11144477735"),
    ("br.pix_key", "Fulano@Example.COM", "Fulano@example.com"),
    ("br.pix_key", "+55 11 91234-5678", "+5511912345678"),
    (
        "br.pix_key",
        "123E4567-E89B-12D3-A456-426614174000",
        "123e4567-e89b-12d3-a456-426614174000",
    ),
    ("mx.clabe", "032 180 00011835971 9", "032180000118359719"),
    ("mx.curp", "boxw310820hnerxn09", "BOXW310820HNERXN09"),
    ("mx.rfc", "GODE-561231-GR8", "GODE561231GR8"),
    ("mx.rfc", "XAXX010101000", "XAXX010101000"),
    ("pe.cci", "002-193-002475952014-11", "00219300247595201411"),
    ("pe.cci", "011-366-000100032542-21", "01136600010003254221"),
    ("pe.dni", "10117410", "10117410"),
    ("pe.dni", "10117410-2", "101174102"),
    ("pe.ruc", "20512333797", "20512333797"),
    ("pe.ruc", "10101174102", "10101174102"),
    ("co.nit", "213.123.432-1", "2131234321"),
    ("cl.rut", "76.086.428-5", "760864285"),
    ("cl.rut", "12.531.909-2", "125319092"),
    (
        "ar.cbu",
        "28505909 40090418135201",
        "2850590940090418135201",
    ),
    ("ar.cuit", "20-05536168-2", "20055361682"),
    ("in.ifsc", "sbin0005943", "SBIN0005943"),
    ("in.pan", "abcpe1234f", "ABCPE1234F"),
    ("in.aadhaar", "2341 2341 2346", "234123412346"),
    ("id.nik", "3171011708450001", "3171011708450001"),
    ("id.npwp", "01.300.066.6-091.000", "013000666091000"),
    ("tr.tckimlik", "17291716060", "17291716060"),
    (
        "email",
        "  Jane.Doe+pay@Example.COM ",
        "Jane.Doe+pay@example.com",
    ),
    ("phone", "+51 912 345 678", "+51912345678"),
    ("phone", "0055 (11) 91234-5678", "+5511912345678"),
    (
        "url",
        "https://shop.example.com/webhooks?x=1",
        "https://shop.example.com/webhooks?x=1",
    ),
];

#[test]
fn published_examples_are_valid_and_normalised() {
    for &(kind, input, normalised) in EXAMPLES {
        assert_eq!(valid(kind, input), normalised, "{kind} {input}");
    }
}

/// Every kind with a check digit refuses each single change of it.
#[test]
fn a_changed_check_digit_is_refused() {
    for &(kind, _, normalised) in EXAMPLES {
        if matches!(
            kind,
            "bic" | "in.ifsc" | "in.pan" | "id.nik" | "email" | "phone" | "url" | "br.pix_key"
        ) || normalised.starts_with("XAXX")
            || normalised.len() == 8 && kind == "pe.dni"
        {
            continue;
        }
        // The check digit's position: the last, except NPWP's 9th (then a branch code).
        let last = if kind == "id.npwp" {
            8
        } else {
            normalised.len() - 1
        };
        let original = normalised.as_bytes()[last];
        for d in b'0'..=b'9' {
            if d == original {
                continue;
            }
            let mut changed = normalised.as_bytes().to_vec();
            changed[last] = d;
            let changed = String::from_utf8(changed).unwrap();
            assert!(
                check(kind, &changed, Context::default()).is_err(),
                "{kind} accepted {changed}"
            );
        }
    }
}

#[test]
fn stdnum_disagreements_are_policy() {
    // Repeated-digit CPF/CNPJ pass the arithmetic but are never issued.
    assert_eq!(
        check("br.cpf", "111.111.111-11", Context::default()),
        Err("INVALID_COMPONENT")
    );
    assert_eq!(
        check("br.cnpj", "11111111111111", Context::default()),
        Err("INVALID_COMPONENT")
    );
    // stdnum says invalid too:
    assert_eq!(
        check("mx.curp", "GODE561231HDFRRN09", Context::default()),
        Err("INVALID_CHECKSUM")
    );
    assert_eq!(
        check("mx.rfc", "ABC680524P76", Context::default()),
        Err("INVALID_CHECKSUM")
    );
}

#[test]
fn lengths_characters_and_sizes() {
    let ctx = Context::default();
    for kind in KINDS {
        let c = if *kind == "ng.nuban" {
            Context {
                bank_code: Some("058"),
                ..ctx
            }
        } else {
            ctx
        };
        assert_eq!(check(kind, "", c), Err("REQUIRED"), "{kind} empty");
        assert_eq!(check(kind, "   ", c), Err("REQUIRED"), "{kind} blank");
        // Any Unicode white space alone is blank, as the rule engine sees it.
        for blank in [
            "\n",
            "\r\n",
            "\u{a0}",
            "\u{3000}",
            "\u{2028}",
            "\t \u{b}\u{c}",
        ] {
            assert_eq!(check(kind, blank, c), Err("REQUIRED"), "{kind} {blank:?}");
        }
        let huge = "1".repeat(10_000);
        assert!(
            matches!(check(kind, &huge, c), Err("INVALID_LENGTH")),
            "{kind} 10 kB: {:?}",
            check(kind, &huge, c)
        );
    }
    assert_eq!(check("br.cpf", "1114447773", ctx), Err("INVALID_LENGTH"));
    assert_eq!(check("br.cpf", "111444777355", ctx), Err("INVALID_LENGTH"));
    assert_eq!(
        check("br.cpf", "11144477A35", ctx),
        Err("INVALID_CHARACTERS")
    );
    // Arabic-Indic and full-width digits are not 0-9.
    assert_eq!(
        check("br.cpf", "١١١٤٤٤٧٧٧٣٥", ctx),
        Err("INVALID_CHARACTERS")
    );
    assert_eq!(
        check("pe.cci", "００２１９３００２４７５９５２０１４１１", ctx),
        Err("INVALID_CHARACTERS")
    );
    assert_eq!(
        check("phone", "+٥١٩١٢٣٤٥٦٧٨", ctx),
        Err("INVALID_CHARACTERS")
    );
    assert_eq!(
        check("iban", "XX82WEST12345698765432", ctx),
        Err("INVALID_COMPONENT")
    );
    assert_eq!(
        check("iban", "GB82WEST1234569876543", ctx),
        Err("INVALID_LENGTH")
    );
    assert_eq!(
        check("iban", "GB82WEST12345698765433", ctx),
        Err("INVALID_CHECKSUM")
    );
    assert_eq!(
        check("iban", "GB8212345612345698765432", ctx),
        Err("INVALID_LENGTH")
    );
}

/// Check digits 00, 01 and 99 pass mod 97 (as 97, 98 and 02 do for the
/// same BBAN) but ISO 13616 never produces them. Each pair was made with
/// python-stdnum (`stdnum.iban.calc_check_digits`), which also gives
/// mod 97 == 1 for the refused twin.
#[test]
fn iban_check_digits_00_01_99_are_refused() {
    for (issued, never) in [
        ("GB98WEST12345698000008", "GB01WEST12345698000008"),
        ("GB02WEST12345698000087", "GB99WEST12345698000087"),
        ("GB97WEST12345698000026", "GB00WEST12345698000026"),
        ("DE98370400440532000034", "DE01370400440532000034"),
        ("DE02370400440532000016", "DE99370400440532000016"),
        ("DE97370400440532000052", "DE00370400440532000052"),
    ] {
        assert_eq!(valid("iban", issued), issued);
        assert_eq!(
            check("iban", never, Context::default()),
            Err("INVALID_CHECKSUM"),
            "{never}"
        );
    }
}

#[test]
fn context_rules() {
    let sa = Context {
        country: Some("SA"),
        ..Context::default()
    };
    assert_eq!(
        check("iban", "SA0380000000608010167519", sa).unwrap(),
        "SA0380000000608010167519"
    );
    assert_eq!(
        check("iban", "GB82WEST12345698765432", sa),
        Err("INVALID_COMPONENT")
    );
    let pe = Context {
        country: Some("PE"),
        ..Context::default()
    };
    assert_eq!(check("phone", "912 345 678", pe).unwrap(), "+51912345678");
    assert_eq!(
        check("phone", "912 345 678", Context::default()),
        Err("INVALID_FORMAT")
    );
    assert_eq!(
        check("phone", "+51 12345", Context::default()),
        Err("INVALID_LENGTH")
    );
    assert_eq!(
        check("ng.nuban", "0123456789", Context::default()),
        Err("CONTEXT_REQUIRED")
    );
}

/// NUBAN: the check digit computed by hand from the CBN formula.
#[test]
fn nuban_by_hand() {
    // GTBank 058 -> institution 000058; serial 012345678.
    // digits 0,0,0,0,5,8,0,1,2,3,4,5,6,7,8 x weights 3,7,3,3,7,3,3,7,3,3,7,3,3,7,3
    let sum = 5 * 7 + 8 * 3 + 7 + 2 * 3 + 3 * 3 + 4 * 7 + 5 * 3 + 6 * 3 + 7 * 7 + 8 * 3;
    let check_digit = (10 - sum % 10) % 10;
    let account = format!("012345678{check_digit}");
    let ctx = Context {
        bank_code: Some("058"),
        ..Context::default()
    };
    assert_eq!(check("ng.nuban", &account, ctx).unwrap(), account);
    assert_eq!(
        check(
            "ng.nuban",
            &account,
            Context {
                bank_code: Some("000058"),
                ..ctx
            }
        )
        .unwrap(),
        account
    );
    let wrong = format!("012345678{}", (check_digit + 1) % 10);
    assert_eq!(check("ng.nuban", &wrong, ctx), Err("INVALID_CHECKSUM"));
}

/// NUBAN of another financial institution (microfinance bank, mobile money
/// operator): the CBN's revised standard (2020) prefixes its 5-digit code
/// with 9, e.g. 50515 -> 950515, before the same weighted sum.
#[test]
fn nuban_of_a_five_digit_institution() {
    // Institution 50515 -> 950515; serial 123456789.
    // digits 9,5,0,5,1,5,1,2,3,4,5,6,7,8,9 x weights 3,7,3,3,7,3,3,7,3,3,7,3,3,7,3
    let sum = 9 * 3
        + 5 * 7
        + 5 * 3
        + 7
        + 5 * 3
        + 3
        + 2 * 7
        + 3 * 3
        + 4 * 3
        + 5 * 7
        + 6 * 3
        + 7 * 3
        + 8 * 7
        + 9 * 3;
    let check_digit = (10 - sum % 10) % 10;
    let account = format!("123456789{check_digit}");
    let ctx = Context {
        bank_code: Some("50515"),
        ..Context::default()
    };
    assert_eq!(check("ng.nuban", &account, ctx).unwrap(), account);
    // The same as its 6-digit institution code.
    let six = Context {
        bank_code: Some("950515"),
        ..ctx
    };
    assert_eq!(check("ng.nuban", &account, six).unwrap(), account);
    // Padded with zeros instead, the sum differs by 9 x 3: never the same digit.
    let zero_padded = Context {
        bank_code: Some("050515"),
        ..ctx
    };
    assert_eq!(
        check("ng.nuban", &account, zero_padded),
        Err("INVALID_CHECKSUM")
    );
    let wrong = format!("123456789{}", (check_digit + 1) % 10);
    assert_eq!(check("ng.nuban", &wrong, ctx), Err("INVALID_CHECKSUM"));
    for code in ["5", "12", "1234", "1234567", "5051A"] {
        let c = Context {
            bank_code: Some(code),
            ..ctx
        };
        assert_eq!(
            check("ng.nuban", &account, c),
            Err("INVALID_COMPONENT"),
            "{code}"
        );
    }
}

#[test]
fn urls_for_notify_url() {
    let ctx = Context::default();
    for bad in [
        "ftp://example.com",
        "https://127.0.0.1/x",
        "http://[::1]/",
        "https://user@example.com",
        "https://localhost/",
        "https://exa mple.com",
        "example.com",
        "https://example.com:99999/",
    ] {
        assert!(check("url", bad, ctx).is_err(), "{bad}");
    }
    assert!(check("url", "http://example.com:8080/cb", ctx).is_ok());
    // Characters RFC 3986 does not allow as they are.
    for c in [
        "<",
        ">",
        "\"",
        "{",
        "}",
        "|",
        "\\",
        "^",
        "`",
        " ",
        "\u{0}",
        "\u{1f}",
        "\u{7f}",
        "\u{85}",
        "\u{a0}",
        "\u{202e}",
        "\u{200b}",
        "\u{2066}",
        "\u{feff}",
        "\u{ad}",
        "é",
        "\u{e0041}",
    ] {
        for at in [
            "https://example.com/a{c}b",
            "https://example.com/cb?x={c}1",
            "https://example.com/cb#{c}1",
        ] {
            let url = at.replace("{c}", c);
            assert_eq!(
                check("url", &url, ctx),
                Err("INVALID_CHARACTERS"),
                "{url:?}"
            );
        }
    }
    for bad in [
        "https://example.com/%zz",
        "https://example.com/100%",
        "https://example.com/%4",
        "https://example.com/#a#b",
    ] {
        assert_eq!(check("url", bad, ctx), Err("INVALID_FORMAT"), "{bad}");
    }
    // xn-- labels must decode to something worth encoding.
    for host in [
        "xn--a.example",
        "xn--abc.example",
        "xn--0.example",
        "xn--a1.example",
        "xn--99999999999.example",
        "xn--xn--a.example",
        "shop.xn--.example",
    ] {
        let url = format!("https://{host}/cb");
        assert!(check("url", &url, ctx).is_err(), "{url}");
    }
    for good in [
        "https://xn--mnchen-3ya.de/cb",
        "https://XN--MNCHEN-3YA.DE/cb",
        "https://shop.xn--55qx5d.cn/notify?x=%E4%B8%AD&y=a%20b#frag",
        "https://xn--ls8h.la/",
        "https://example.com/a-b._~:@!$&'()*+,;=/?q=[1]",
    ] {
        assert_eq!(check("url", good, ctx).as_deref(), Ok(good), "{good}");
    }
}

#[test]
fn unknown_kind_lists_the_known_ones() {
    let e = validate_field("pe.cuenta", "1", Context::default()).unwrap_err();
    assert_eq!(e.code(), "FIELD_KIND_UNKNOWN");
    assert!(e.to_string().contains("pe.cci"));
}

/// Card numbers: the scheme's lengths by IIN range, Luhn, and messages that
/// never repeat more than the last 4 digits.
#[test]
fn card_numbers() {
    let ctx = Context::default();
    for (pan, code) in [
        ("411111111111111", "INVALID_LENGTH"), // Visa has 13, 16 or 19
        ("41111111111111111", "INVALID_LENGTH"), // 17
        ("5555555555554", "INVALID_LENGTH"),   // Mastercard has 16
        ("272099999999999", "INVALID_LENGTH"), // 2-series Mastercard: 16
        ("272100000000000", "INVALID_CHECKSUM"), // past the 2-series: 12 to 19
        ("378282246310005000", "INVALID_LENGTH"), // Amex has 15
        ("4111111111111112", "INVALID_CHECKSUM"),
        ("4111-1111-1111-111A", "INVALID_CHARACTERS"),
        ("41111111111", "INVALID_LENGTH"),
        ("4111111111111111111111", "INVALID_LENGTH"),
    ] {
        assert_eq!(check("card.pan", pan, ctx), Err(code), "{pan}");
    }
    // Ranges no table names take 12 to 19 digits.
    assert_eq!(
        check("card.pan", "6759649826438453", ctx).unwrap(),
        "6759649826438453"
    );
    // 4111 1111 1111 1111 with each digit changed: refused, and no message
    // holds five or more of its digits in a row.
    let good = "4111111111111111";
    for at in 0..good.len() {
        for d in b'0'..=b'9' {
            let mut v = good.as_bytes().to_vec();
            v[at] = d;
            let v = String::from_utf8(v).unwrap();
            let Ok(Err(e)) = validate_field("card.pan", &v, ctx) else {
                continue;
            };
            for start in 0..=v.len() - 5 {
                assert!(
                    !e.message.contains(&v[start..start + 5]),
                    "{v}: {}",
                    e.message
                );
            }
        }
    }
}

/// A BIC with a country in the context must be of a bank in that country.
#[test]
fn bic_country_context() {
    let sa = Context {
        country: Some("SA"),
        ..Context::default()
    };
    assert_eq!(check("bic", "NCBKSAJE", sa).unwrap(), "NCBKSAJE");
    assert_eq!(check("bic", "ncbksajexxx", sa).unwrap(), "NCBKSAJEXXX");
    assert_eq!(check("bic", "DEUTDEFF", sa), Err("INVALID_COMPONENT"));
    assert_eq!(
        check("bic", "DEUTDEFF", Context::default()).unwrap(),
        "DEUTDEFF"
    );
}
