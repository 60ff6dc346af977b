//! Chart geometry: a "nice" value axis and bar positions. Plain `f64` is fine here: these are
//! pixel positions of a picture, never money (the figures themselves are shown from the data's
//! decimals). Pure, so it is tested natively.

/// A value axis from 0 to `top`, with a tick every `step`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scale {
    pub top: f64,
    pub step: f64,
}

impl Scale {
    /// The tick values from 0 to `top` inclusive.
    pub fn ticks(&self) -> Vec<f64> {
        if self.step.is_nan() || self.step <= 0.0 || !self.top.is_finite() {
            return vec![0.0];
        }
        let n = (self.top / self.step).round() as usize;
        (0..=n.min(20)).map(|i| i as f64 * self.step).collect()
    }
}

/// An axis whose top is the smallest round figure at or above `max`, with a step of 1, 2, 2.5
/// or 5 times a power of ten giving about `ticks` intervals (at most `ticks + 2`). A maximum
/// of zero (or no data) gives the axis 0–1.
pub fn nice_scale(max: f64, ticks: usize) -> Scale {
    if !max.is_finite() || max <= 0.0 {
        return Scale { top: 1.0, step: 1.0 };
    }
    let ticks = ticks.max(1) as f64;
    let magnitude = 10f64.powf((max / ticks).log10().floor());
    let mut best: Option<(f64, f64, f64)> = None; // (top, distance from `ticks`, step)
    for power in [magnitude / 10.0, magnitude, magnitude * 10.0] {
        for m in [1.0, 2.0, 2.5, 5.0] {
            let step = m * power;
            let intervals = (max / step - 1e-9).ceil().max(1.0);
            if intervals > ticks + 2.0 {
                continue;
            }
            let top = intervals * step;
            let distance = (intervals - ticks).abs();
            let better = match best {
                None => true,
                Some((t, d, _)) => top < t - 1e-9 || ((top - t).abs() <= 1e-9 && distance < d),
            };
            if better {
                best = Some((top, distance, step));
            }
        }
    }
    match best {
        Some((top, _, step)) => Scale { top, step },
        None => Scale { top: max, step: max },
    }
}

/// One bar, in the chart's own coordinates (y grows downwards, as in SVG).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bar {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

/// The plot area inside the chart.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Plot {
    pub left: f64,
    pub top: f64,
    pub width: f64,
    pub height: f64,
}

impl Plot {
    /// The y of a value on this scale.
    pub fn y_of(&self, value: f64, scale: Scale) -> f64 {
        let share = if scale.top > 0.0 { (value / scale.top).clamp(0.0, 1.0) } else { 0.0 };
        self.top + self.height * (1.0 - share)
    }

    /// One slot per value, bars centred in their slot; `None` (no figure) gives no bar.
    pub fn bars(&self, values: &[Option<f64>], scale: Scale) -> Vec<Option<Bar>> {
        let slots = values.len().max(1) as f64;
        let slot = self.width / slots;
        let width = slot * 0.6;
        values
            .iter()
            .enumerate()
            .map(|(i, value)| {
                let value = (*value)?;
                let y = self.y_of(value, scale);
                Some(Bar {
                    x: self.left + slot * i as f64 + (slot - width) / 2.0,
                    y,
                    width,
                    height: self.top + self.height - y,
                })
            })
            .collect()
    }

    /// The x of the centre of slot `i` of `n`.
    pub fn slot_centre(&self, i: usize, n: usize) -> f64 {
        let slot = self.width / n.max(1) as f64;
        self.left + slot * (i as f64 + 0.5)
    }
}

/// A coordinate for an SVG attribute: at most two decimals, no `-0`.
pub fn coord(value: f64) -> String {
    if !value.is_finite() {
        return "0".to_owned();
    }
    hundredths_text((value * 100.0).round(), false)
}

/// `hundredths / 100` written with at most two decimals and no trailing zeros ("-12.5", "40"),
/// digits grouped by thousands with `,` if `grouped`; zero (also `-0`) is "0". Integer
/// arithmetic only: formatting an `f64` (`{}` or `{:.2}`) would bring the float-printing
/// machinery of `core::fmt` into the wasm (~12 KB raw). Exact up to 2^53 hundredths, far
/// beyond any coordinate or target of the plan.
fn hundredths_text(hundredths: f64, grouped: bool) -> String {
    // `as u64` saturates; the rounded value is an integer, so the conversion is exact below 2^53.
    let n = hundredths.abs() as u64;
    if n == 0 {
        return "0".to_owned();
    }
    let int = (n / 100).to_string();
    let mut text = String::with_capacity(int.len() + int.len() / 3 + 4);
    if hundredths < 0.0 {
        text.push('-');
    }
    for (i, c) in int.chars().enumerate() {
        if grouped && i > 0 && (int.len() - i).is_multiple_of(3) {
            text.push(',');
        }
        text.push(c);
    }
    let frac = n % 100;
    if frac != 0 {
        text.push('.');
        text.push(char::from(b'0' + (frac / 10) as u8));
        if !frac.is_multiple_of(10) {
            text.push(char::from(b'0' + (frac % 10) as u8));
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_scales_cover_the_maximum_with_round_steps() {
        assert_eq!(nice_scale(50.0, 4), Scale { top: 50.0, step: 10.0 });
        for (max, want_top) in [(50.0, 50.0), (35000.0, 40000.0), (3.0, 3.0), (8.0, 8.0)] {
            let s = nice_scale(max, 4);
            assert!(s.top >= max, "{max}: {s:?}");
            assert!((s.top - want_top).abs() < 1e-9, "{max}: {s:?}");
            let ticks = s.ticks();
            assert_eq!(ticks[0], 0.0);
            assert!((ticks[ticks.len() - 1] - s.top).abs() < 1e-9);
            assert!(ticks.len() <= 9, "{max}: {ticks:?}");
        }
    }

    #[test]
    fn empty_zero_and_nonsense_maxima_give_a_unit_axis() {
        for max in [0.0, -5.0, f64::NAN, f64::INFINITY] {
            assert_eq!(nice_scale(max, 4), Scale { top: 1.0, step: 1.0 });
        }
    }

    #[test]
    fn bars_are_proportional_and_sit_on_the_baseline() {
        let plot = Plot { left: 10.0, top: 20.0, width: 300.0, height: 100.0 };
        let scale = nice_scale(50.0, 4);
        let bars = plot.bars(&[Some(25.0), Some(50.0), None, Some(0.0)], scale);
        let (a, b) = (bars[0].unwrap(), bars[1].unwrap());
        assert!((b.height - 2.0 * a.height).abs() < 1e-9, "twice the value, twice the bar");
        assert!((b.y - plot.top).abs() < 1e-9, "the largest reaches the top of the axis");
        assert!((a.y + a.height - (plot.top + plot.height)).abs() < 1e-9);
        assert!(bars[2].is_none(), "no figure, no bar");
        assert_eq!(bars[3].unwrap().height, 0.0);
        assert!(a.x + a.width <= b.x, "bars do not overlap");
    }

    #[test]
    fn coordinates_are_short_and_never_negative_zero() {
        assert_eq!(coord(1.23456), "1.23");
        assert_eq!(coord(-0.0001), "0");
        assert_eq!(coord(40.0), "40");
    }
}

/// A tick or bar label: thousands grouped, at most two decimals, no trailing zeros.
pub fn number_text(value: f64) -> String {
    if !value.is_finite() {
        return String::new();
    }
    hundredths_text((value * 100.0).round(), true)
}

#[cfg(test)]
mod number_text_tests {
    use super::number_text;

    #[test]
    fn labels_are_grouped_and_trimmed() {
        assert_eq!(number_text(40000.0), "40,000");
        assert_eq!(number_text(12.5), "12.5");
        assert_eq!(number_text(0.0), "0");
        assert_eq!(number_text(1234567.891), "1,234,567.89");
        assert_eq!(number_text(f64::NAN), "");
    }
}

#[cfg(test)]
mod integer_formatting_tests {
    use super::{coord, number_text};

    /// The float-formatting versions these replaced (kept here, where size does not matter).
    fn coord_float(value: f64) -> String {
        let rounded = (value * 100.0).round() / 100.0;
        if rounded == 0.0 || !rounded.is_finite() {
            "0".to_owned()
        } else {
            format!("{rounded}")
        }
    }

    fn number_text_float(value: f64) -> String {
        if !value.is_finite() {
            return String::new();
        }
        let rounded = (value * 100.0).round() / 100.0;
        let text = format!("{:.2}", rounded.abs());
        let text = text.trim_end_matches('0').trim_end_matches('.');
        let (int, frac) = text.split_once('.').unwrap_or((text, ""));
        let mut grouped = String::new();
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(c);
        }
        if !frac.is_empty() {
            grouped.push('.');
            grouped.push_str(frac);
        }
        if rounded < 0.0 {
            grouped.insert(0, '-');
        }
        grouped
    }

    #[test]
    fn same_text_as_float_formatting() {
        let mut values = vec![
            0.0,
            -0.0,
            0.004,
            -0.004,
            0.005,
            -0.005,
            0.01,
            -0.01,
            0.1,
            0.285,
            1.005,
            12.5,
            40.0,
            99.995,
            196.0,
            1234567.891,
            -1234567.891,
            35000.0,
            1e12 + 0.25,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ];
        // Chart geometry: every hundredth from -400 to 400 and thirds, sevenths in between.
        for i in -40_000..=40_000 {
            values.push(f64::from(i) / 100.0);
            values.push(f64::from(i) / 300.0);
            values.push(f64::from(i) * 1.7 / 7.0);
        }
        for v in values {
            assert_eq!(coord(v), coord_float(v), "coord({v:?})");
            assert_eq!(number_text(v), number_text_float(v), "number_text({v:?})");
        }
    }
}
