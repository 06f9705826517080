//! SVG drawings of the chart models. Every chart is an `img` named by its title and described by
//! its summary, each mark has a tooltip, and the data is offered as a table next to it.

use leptos::prelude::*;

use crate::model::simulator_charts::{
    BackoffDelayChart, BarChart, DataTable, Frame, LineChart, Tick,
};
use crate::model::simulator_timeline::Timeline;

fn view_box(frame: &Frame) -> String {
    format!("0 0 {} {}", frame.width, frame.height)
}

/// Grid lines and value labels along the left.
fn y_axis(frame: Frame, ticks: Vec<Tick>) -> impl IntoView {
    ticks
        .into_iter()
        .map(|tick| {
            view! {
                <g class="tick">
                    <line class="grid" x1=frame.left x2=frame.right y1=tick.pos y2=tick.pos></line>
                    <text class="tick-label" x=frame.left - 6.0 y=tick.pos + 4.0 text-anchor="end">{tick.label}</text>
                </g>
            }
        })
        .collect_view()
}

/// Time labels along the bottom.
fn x_axis(frame: Frame, ticks: Vec<Tick>) -> impl IntoView {
    view! {
        <line class="axis" x1=frame.left x2=frame.right y1=frame.bottom y2=frame.bottom></line>
        {ticks
            .into_iter()
            .map(|tick| view! {
                <g class="tick">
                    <line class="axis" x1=tick.pos x2=tick.pos y1=frame.bottom y2=frame.bottom + 4.0></line>
                    <text class="tick-label" x=tick.pos y=frame.bottom + 17.0 text-anchor="middle">{tick.label}</text>
                </g>
            })
            .collect_view()}
    }
}

#[component]
pub(super) fn DataTableView(table: DataTable, #[prop(into)] caption: String) -> impl IntoView {
    let empty = table.rows.is_empty();
    view! {
        <details class="chart-data">
            <summary>"Data table"</summary>
            {if empty {
                view! { <p class="hint">"No data."</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap">
                        <table class="data-table compact-table">
                            <caption class="visually-hidden">{caption}</caption>
                            <thead>
                                <tr>{table.headers.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}</tr>
                            </thead>
                            <tbody>
                                {table
                                    .rows
                                    .into_iter()
                                    .map(|row| {
                                        let mut cells = row.into_iter();
                                        let first = cells.next().unwrap_or_default();
                                        view! {
                                            <tr>
                                                <th scope="row">{first}</th>
                                                {cells.map(|cell| view! { <td>{cell}</td> }).collect_view()}
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
                .into_any()
            }}
        </details>
    }
}

fn legend(items: Vec<(String, &'static str)>) -> impl IntoView {
    view! {
        <ul class="chart-legend">
            {items
                .into_iter()
                .map(|(label, class)| view! {
                    <li><span class=format!("swatch {class}") aria-hidden="true"></span>{label}</li>
                })
                .collect_view()}
        </ul>
    }
}

#[component]
pub(super) fn BarChartView(chart: BarChart, #[prop(into)] id: String) -> impl IntoView {
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let frame = chart.frame;
    let classes: Vec<&'static str> = chart.series.iter().map(|s| s.class).collect();
    let legend_items = chart
        .series
        .iter()
        .map(|s| (s.label.clone(), s.class))
        .collect();
    let bar_count = chart.bars.len();
    let labelled_by = format!("{title_id} {desc_id}");
    view! {
        <figure class="chart" data-chart=chart.key>
            <figcaption>
                <h4 class="chart-title">{chart.title}</h4>
                <p class="hint">{chart.explanation}</p>
            </figcaption>
            <svg
                class="chart-svg"
                viewBox=view_box(&frame)
                role="img"
                aria-labelledby=labelled_by
                data-bars=bar_count
            >
                <title id=title_id>{chart.title}</title>
                <desc id=desc_id>{chart.description.clone()}</desc>
                {y_axis(frame, chart.y_ticks)}
                <g class="bars">
                    {chart
                        .bars
                        .into_iter()
                        .map(|bar| {
                            let x = bar.x;
                            let width = bar.width;
                            let segments = bar
                                .segments
                                .into_iter()
                                .map(|segment| {
                                    let class = format!("bar {}", classes.get(segment.series).copied().unwrap_or(""));
                                    view! { <rect class=class x=x y=segment.y width=width height=segment.height></rect> }
                                })
                                .collect_view();
                            view! { <g class="bar-group"><title>{bar.title}</title>{segments}</g> }
                        })
                        .collect_view()}
                </g>
                {x_axis(frame, chart.x_ticks)}
            </svg>
            {legend(legend_items)}
            <DataTableView table=chart.table caption=format!("{} per period", chart.title) />
        </figure>
    }
}

#[component]
pub(super) fn LineChartView(chart: LineChart, #[prop(into)] id: String) -> impl IntoView {
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let frame = chart.frame;
    let legend_items = chart
        .lines
        .iter()
        .map(|l| (l.label.clone(), l.class))
        .collect();
    let caption = chart.title.clone();
    let labelled_by = format!("{title_id} {desc_id}");
    view! {
        <figure class="chart" data-chart=chart.key>
            <figcaption>
                <h4 class="chart-title">{chart.title.clone()}</h4>
                <p class="hint">{chart.explanation}</p>
            </figcaption>
            <svg class="chart-svg" viewBox=view_box(&frame) role="img" aria-labelledby=labelled_by>
                <title id=title_id>{chart.title}</title>
                <desc id=desc_id>{chart.description.clone()}</desc>
                {y_axis(frame, chart.y_ticks)}
                {chart.limit.map(|(y, label)| view! {
                    <g class="limit">
                        <title>{label.clone()}</title>
                        <line class="limit-line" x1=frame.left x2=frame.right y1=y y2=y></line>
                        <text class="limit-label" x=frame.right - 4.0 y=y - 5.0 text-anchor="end">{label}</text>
                    </g>
                })}
                {chart
                    .lines
                    .into_iter()
                    .map(|line| {
                        let class = line.class;
                        let label = line.label.clone();
                        view! {
                            <g class=format!("line {class}")>
                                <title>{label}</title>
                                {line.pieces.into_iter().map(|points| view! { <polyline points=points></polyline> }).collect_view()}
                                {line.dots.into_iter().map(|(x, y)| view! { <circle cx=x cy=y r="2.5"></circle> }).collect_view()}
                            </g>
                        }
                    })
                    .collect_view()}
                {x_axis(frame, chart.x_ticks)}
            </svg>
            {legend(legend_items)}
            <DataTableView table=chart.table caption=caption />
        </figure>
    }
}

#[component]
pub(super) fn BackoffDelayView(chart: BackoffDelayChart) -> impl IntoView {
    let frame = chart.frame;
    view! {
        <figure class="chart" data-chart="backoff-delay">
            <figcaption>
                <h4 class="chart-title">"Delay before each retry"</h4>
                <p class="hint">"By retry number. The bar spans the shortest to the longest delay jitter can give; the mark is the mean."</p>
            </figcaption>
            <svg class="chart-svg" viewBox=view_box(&frame) role="img" aria-labelledby="backoff-delay-title backoff-delay-desc">
                <title id="backoff-delay-title">"Delay before each retry"</title>
                <desc id="backoff-delay-desc">{chart.description.clone()}</desc>
                {y_axis(frame, chart.y_ticks)}
                {chart
                    .bars
                    .into_iter()
                    .map(|bar| view! {
                        <g class="range-bar">
                            <title>{bar.title}</title>
                            <rect class="range" x=bar.x y=bar.y_max width=bar.width height=bar.y_min - bar.y_max></rect>
                            <line class="range-mean" x1=bar.x x2=bar.x + bar.width y1=bar.y_mean y2=bar.y_mean></line>
                        </g>
                    })
                    .collect_view()}
                {x_axis(frame, chart.x_ticks)}
            </svg>
        </figure>
    }
}

#[component]
pub(super) fn TimelineView(timeline: Timeline) -> impl IntoView {
    let left = timeline.plot_left;
    let right = timeline.plot_right;
    let axis_y = timeline.axis_y;
    let text_rows: Vec<(String, Vec<String>)> = timeline
        .rows
        .iter()
        .map(|row| {
            (
                row.details.clone(),
                row.attempts.iter().map(|a| a.title.clone()).collect(),
            )
        })
        .collect();
    let row_count = timeline.rows.len();
    view! {
        <figure class="chart timeline" data-chart="timeline">
            <svg
                class="chart-svg timeline-svg"
                viewBox=format!("0 0 {} {}", timeline.width, timeline.height)
                role="img"
                aria-labelledby="timeline-title timeline-desc"
                data-rows=row_count
            >
                <title id="timeline-title">"Attempts per event and target"</title>
                <desc id="timeline-desc">{timeline.description.clone()}</desc>
                {timeline
                    .rows
                    .into_iter()
                    .map(|row| {
                        let track_y = row.track_y;
                        let height = row.track_height;
                        let middle = track_y + height / 2.0;
                        view! {
                            <g class=format!("timeline-row outcome-{}", row.outcome.map(|o| o.as_str()).unwrap_or("in-flight"))>
                                <title>{row.details}</title>
                                <text class="row-label" x=left y=row.label_y>{row.label}</text>
                                <rect class="track" x=left y=track_y width=right - left height=height></rect>
                                {row.windows.into_iter().map(|window| view! {
                                    <rect class=window.kind.class() x=window.x y=track_y width=window.width height=height>
                                        <title>{window.title}</title>
                                    </rect>
                                }).collect_view()}
                                {row.gaps.into_iter().map(|gap| view! {
                                    <line class="gap" x1=gap.x1 x2=gap.x2 y1=middle y2=middle>
                                        <title>{gap.title}</title>
                                    </line>
                                }).collect_view()}
                                {row.waits.into_iter().map(|wait| view! {
                                    <rect class="wait" x=wait.x1 y=middle - 3.0 width=(wait.x2 - wait.x1).max(1.0) height="6">
                                        <title>{wait.title}</title>
                                    </rect>
                                }).collect_view()}
                                {row.age_limit_x.map(|x| view! {
                                    <line class="age-limit" x1=x x2=x y1=track_y - 3.0 y2=track_y + height + 3.0>
                                        <title>{row.age_limit_title.clone()}</title>
                                    </line>
                                })}
                                {row.attempts.into_iter().map(|attempt| view! {
                                    <rect class=attempt.kind.class() x=attempt.x y=track_y + 3.0 width=attempt.width height=height - 6.0 rx="1">
                                        <title>{attempt.title}</title>
                                    </rect>
                                }).collect_view()}
                            </g>
                        }
                    })
                    .collect_view()}
                <line class="axis" x1=left x2=right y1=axis_y y2=axis_y></line>
                {timeline.ticks.into_iter().map(|tick| view! {
                    <g class="tick">
                        <line class="axis" x1=tick.x x2=tick.x y1=axis_y y2=axis_y + 4.0></line>
                        <text class="tick-label" x=tick.x y=axis_y + 17.0 text-anchor=tick.anchor>{tick.label}</text>
                    </g>
                }).collect_view()}
            </svg>
            <ul class="chart-legend">
                <li><span class="swatch attempt-ok" aria-hidden="true"></span>"Successful attempt"</li>
                <li><span class="swatch attempt-retry" aria-hidden="true"></span>"Failed attempt, retried"</li>
                <li><span class="swatch attempt-fatal" aria-hidden="true"></span>"Last failed attempt"</li>
                <li><span class="swatch swatch-gap" aria-hidden="true"></span>"Backoff before a retry"</li>
                <li><span class="swatch wait" aria-hidden="true"></span>"Waiting for the rate limit"</li>
                <li><span class="swatch window-outage" aria-hidden="true"></span>"Target down"</li>
                <li><span class="swatch window-fatal" aria-hidden="true"></span>"Target refuses (not retryable)"</li>
                <li><span class="swatch swatch-age" aria-hidden="true"></span>"Maximum event age"</li>
            </ul>
            <details class="chart-data">
                <summary>"Timeline as text"</summary>
                <ul class="timeline-text">
                    {text_rows
                        .into_iter()
                        .map(|(details, attempts)| view! {
                            <li>
                                {details}
                                <ul>{attempts.into_iter().map(|a| view! { <li>{a}</li> }).collect_view()}</ul>
                            </li>
                        })
                        .collect_view()}
                </ul>
            </details>
        </figure>
    }
}
