//! Gateway timestamps: `requestTime` as the gateway wants it
//! (`2022-01-17T08:04:13.879+00:00`), and `notifyTime` in every form it has
//! been seen in.

use crate::error::{Error, Quoted, Result};

/// Formats epoch milliseconds as `YYYY-MM-DDTHH:MM:SS.mmm+00:00` (UTC).
pub fn format_request_time(unix_ms: i64) -> Result<String> {
    // Years 0000..=9999 only: the format has four year digits.
    if !(-62_167_219_200_000..=253_402_300_799_999).contains(&unix_ms) {
        return Err(Error::RequestTimeInvalid(
            "the time is outside the years 0000-9999".into(),
        ));
    }
    let days = unix_ms.div_euclid(86_400_000);
    let ms_of_day = unix_ms.rem_euclid(86_400_000);
    let (y, m, d) = civil_from_days(days);
    let (h, rest) = (ms_of_day / 3_600_000, ms_of_day % 3_600_000);
    let (min, rest) = (rest / 60_000, rest % 60_000);
    let (s, ms) = (rest / 1000, rest % 1000);
    Ok(format!(
        "{y:04}-{m:02}-{d:02}T{h:02}:{min:02}:{s:02}.{ms:03}+00:00"
    ))
}

/// Checks a caller-supplied `requestTime`: exactly the gateway format, with
/// three fractional digits and a numeric offset.
pub fn check_request_time(text: &str) -> Result<()> {
    let b = text.as_bytes();
    let shape_ok = b.len() == 29
        && b.get(19) == Some(&b'.')
        && matches!(b.get(23), Some(b'+' | b'-'))
        && b.get(26) == Some(&b':')
        && b.iter().enumerate().all(|(i, &c)| match i {
            19 | 23 | 26 => true,
            4 | 7 => c == b'-',
            10 => c == b'T',
            13 | 16 => c == b':',
            _ => c.is_ascii_digit(),
        });
    if !shape_ok {
        return Err(Error::RequestTimeInvalid(format!(
            "{} does not have the shape yyyy-MM-ddTHH:mm:ss.SSS+hh:mm",
            Quoted(text)
        )));
    }
    parse_timestamp(text).map(|_| ()).ok_or_else(|| {
        Error::RequestTimeInvalid(format!("{} is not a valid date and time", Quoted(text)))
    })
}

/// Parses an RFC 3339-like timestamp to epoch milliseconds. Accepts the forms
/// PayerMax has sent: `2022-01-17T09:33:54.540+00:00`,
/// `2023-03-08T16:22:05 +0000`, `2024-02-27T10:59:08.295Z`.
pub fn parse_timestamp(text: &str) -> Option<i64> {
    let b = text.as_bytes();
    let num = |from: usize, len: usize| -> Option<i64> {
        let digits = b.get(from..from + len)?;
        digits.iter().try_fold(0i64, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + i64::from(c - b'0'))
        })
    };
    if b.get(4) != Some(&b'-')
        || b.get(7) != Some(&b'-')
        || !matches!(b.get(10), Some(b'T' | b' '))
        || b.get(13) != Some(&b':')
        || b.get(16) != Some(&b':')
    {
        return None;
    }
    let (y, mo, d) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
    let (h, mi, s) = (num(11, 2)?, num(14, 2)?, num(17, 2)?);
    if !(1..=12).contains(&mo) || d < 1 || d > days_in_month(y, mo) || h > 23 || mi > 59 || s > 59 {
        return None;
    }
    let mut pos = 19;
    let mut ms = 0;
    if b.get(pos) == Some(&b'.') {
        pos += 1;
        let start = pos;
        while b.get(pos).is_some_and(u8::is_ascii_digit) {
            pos += 1;
        }
        let frac = pos - start;
        if frac == 0 || frac > 9 {
            return None;
        }
        // Milliseconds: the first three digits, right-padded.
        let take = frac.min(3);
        ms = num(start, take)? * 10i64.pow(3 - take as u32);
    }
    if b.get(pos) == Some(&b' ') {
        pos += 1;
    }
    let offset_minutes = match b.get(pos..)? {
        b"Z" | b"z" => 0,
        [sign @ (b'+' | b'-'), ..] => {
            let rest = b.get(pos + 1..)?;
            let (oh, om) = match rest.len() {
                5 if rest.get(2) == Some(&b':') => (num(pos + 1, 2)?, num(pos + 4, 2)?),
                4 => (num(pos + 1, 2)?, num(pos + 3, 2)?),
                _ => return None,
            };
            if oh > 23 || om > 59 {
                return None;
            }
            let minutes = oh * 60 + om;
            if *sign == b'-' {
                -minutes
            } else {
                minutes
            }
        }
        _ => return None,
    };
    let days = days_from_civil(y, mo, d);
    Some(((days * 86_400 + h * 3600 + mi * 60 + s) - offset_minutes * 60) * 1000 + ms)
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The proleptic Gregorian date of a day count since 1970-01-01.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (
        if m <= 2 {
            yoe + era * 400 + 1
        } else {
            yoe + era * 400
        },
        m,
        d,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_request_time() {
        // 2022-01-17T08:04:13.879Z, cross-checked with `new Date(ms).toISOString()`.
        assert_eq!(
            format_request_time(1_642_406_653_879).unwrap(),
            "2022-01-17T08:04:13.879+00:00"
        );
        assert_eq!(
            format_request_time(0).unwrap(),
            "1970-01-01T00:00:00.000+00:00"
        );
        assert_eq!(
            format_request_time(951_782_400_000).unwrap(),
            "2000-02-29T00:00:00.000+00:00"
        );
        assert!(format_request_time(i64::MAX).is_err());
    }

    #[test]
    fn checks_request_time() {
        assert!(check_request_time("2022-01-17T08:04:13.879+00:00").is_ok());
        assert!(check_request_time("2022-01-17T08:04:13.879-05:30").is_ok());
        for bad in [
            "2022-01-17T08:04:13.879Z",
            "2022-01-17T08:04:13+00:00",
            "2022-01-17 08:04:13.879+00:00",
            "2022-02-30T08:04:13.879+00:00",
            "2022-01-17T24:04:13.879+00:00",
            "2022-01-17T08:04:13.8790+00:00",
            "",
        ] {
            assert_eq!(
                check_request_time(bad).unwrap_err().code(),
                "REQUEST_TIME_INVALID",
                "{bad}"
            );
        }
    }

    #[test]
    fn parses_all_notify_time_forms() {
        assert_eq!(
            parse_timestamp("2022-01-17T09:33:54.540+00:00"),
            Some(1_642_412_034_540)
        );
        // 2023-03-08T16:22:05Z = 1678292525
        assert_eq!(
            parse_timestamp("2023-03-08T16:22:05 +0000"),
            Some(1_678_292_525_000)
        );
        assert_eq!(
            parse_timestamp("2023-03-08T21:52:05+05:30"),
            Some(1_678_292_525_000)
        );
        assert_eq!(
            parse_timestamp("2024-02-27T10:59:08.295Z"),
            Some(1_709_031_548_295)
        );
        assert_eq!(
            parse_timestamp("2024-02-27T10:59:08.2951234Z"),
            Some(1_709_031_548_295)
        );
        for bad in [
            "",
            "2024-02-27",
            "2024-02-27T10:59:08",
            "2024-02-27T10:59:08.Z",
            "2024-13-01T00:00:00Z",
            "2024-02-27T10:59:08+0",
        ] {
            assert_eq!(parse_timestamp(bad), None, "{bad}");
        }
    }

    #[test]
    fn civil_round_trip() {
        for days in [-719_468, -1, 0, 1, 10_957, 19_000, 2_932_896] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }
}
