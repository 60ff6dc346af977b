//! Small charts drawn as inline SVG by our own code (no charting library: a few hundred bytes
//! of wasm instead of tens of kilobytes). Each chart is an image with a text alternative
//! (`role="img"`, `<title>`, `<desc>` listing every value), and its values are written on the
//! bars; the same numbers are always also given in a table next to it.

pub mod scale;

use leptos::prelude::*;
use scale::{coord, nice_scale, number_text, Plot};

/// One bar: its axis label (a year), a second line (the qualifier), and its value.
#[derive(Clone, Debug, PartialEq)]
pub struct BarDatum {
    pub label: String,
    pub sublabel: String,
    /// `None`: no figure for this slot (the slot stays empty and the label says so).
    pub value: Option<f64>,
    /// The value as written on the bar.
    pub value_text: String,
}

const WIDTH: f64 = 320.0;
const HEIGHT: f64 = 220.0;
/// `0 0 WIDTH HEIGHT`, written out: formatting the `f64`s would pull float printing into the
/// wasm (a test checks it matches).
const VIEW_BOX: &str = "0 0 320 220";

/// A vertical bar chart. `id` must be unique on the page (it names the title and description).
#[component]
pub fn BarChart(
    id: String,
    title: String,
    /// A sentence listing every value, for screen readers.
    description: String,
    bars: Vec<BarDatum>,
    #[prop(optional, into)] testid: String,
) -> impl IntoView {
    let plot = Plot { left: 52.0, top: 24.0, width: WIDTH - 60.0, height: HEIGHT - 24.0 - 48.0 };
    let max = bars.iter().filter_map(|b| b.value).fold(0.0_f64, f64::max);
    let scale = nice_scale(max, 4);
    let values: Vec<Option<f64>> = bars.iter().map(|b| b.value).collect();
    let rects = plot.bars(&values, scale);
    let n = bars.len();
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let labelled_by = format!("{title_id} {desc_id}");
    let baseline = coord(plot.top + plot.height);

    let grid = scale
        .ticks()
        .into_iter()
        .map(|tick| {
            let y = coord(plot.y_of(tick, scale));
            view! {
                <line class="chart-grid" x1=coord(plot.left) x2=coord(plot.left + plot.width)
                    y1=y.clone() y2=y.clone()/>
                <text class="chart-tick" x=coord(plot.left - 6.0) y=y dy="0.35em"
                    text-anchor="end">{number_text(tick)}</text>
            }
        })
        .collect_view();

    let columns = bars
        .into_iter()
        .zip(rects)
        .enumerate()
        .map(|(i, (bar, rect))| {
            let centre = coord(plot.slot_centre(i, n));
            let shape = rect.map(|r| {
                view! {
                    <rect class="chart-bar" x=coord(r.x) y=coord(r.y) width=coord(r.width)
                        height=coord(r.height)/>
                    <text class="chart-value" x=coord(r.x + r.width / 2.0) y=coord(r.y - 6.0)
                        text-anchor="middle">{bar.value_text.clone()}</text>
                }
            });
            view! {
                {shape}
                <text class="chart-label" x=centre.clone() y=coord(plot.top + plot.height + 18.0)
                    text-anchor="middle">{bar.label}</text>
                <text class="chart-sublabel" x=centre y=coord(plot.top + plot.height + 36.0)
                    text-anchor="middle">{bar.sublabel}</text>
            }
        })
        .collect_view();

    view! {
        <svg
            class="bar-chart"
            viewBox=VIEW_BOX
            role="img"
            aria-labelledby=labelled_by
            data-testid=testid
            preserveAspectRatio="xMidYMid meet"
        >
            <title id=title_id>{title}</title>
            <desc id=desc_id>{description}</desc>
            {grid}
            {columns}
            <line class="chart-axis" x1=coord(plot.left) x2=coord(plot.left + plot.width)
                y1=baseline.clone() y2=baseline/>
        </svg>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn view_box_matches_the_size() {
        assert_eq!(super::VIEW_BOX, format!("0 0 {} {}", super::WIDTH, super::HEIGHT));
    }
}
