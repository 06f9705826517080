//! A teacher's exercise in a docs page: `#/embed?exercise=<link value>`. The task, the editor and
//! the events graded live; hints one at a time; the answer and the hidden events only once solved
//! or given up. Nothing is kept: a reload starts over.
//!
//! Built from web-ui's plain widgets, like the plain embed (no Leptos: issue 14).

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use lessons::{grade, Exercise, ExerciseProgress, Grade};
use web_sys::HtmlElement;
use web_ui::dom::{before_next_frame, child, document, element, window, Listener};
use web_ui::exercise_view::open_exercise_link;
use web_ui::widgets::exercise_check::ExerciseCheckWidget;
use web_ui::widgets::markup::{append_inline_markup, append_markup};

use crate::height::post_height;

/// Builds the exercise embed into the page's body; the exercise opens once its link is decoded.
pub fn start(encoded: String) {
    let main = element("main", "embed embed-exercise");
    let _ = main.set_attribute("aria-label", "Event pattern exercise");
    let opening = child(&main, "p", "", "Opening the exercise…");
    let _ = opening.set_attribute("role", "status");
    let footer = child(
        &main,
        "p",
        "embed-footer",
        "Graded in your browser by the EventBridge Pattern Playground; nothing is sent anywhere.",
    );
    if let Some(body) = document().body() {
        let _ = body.append_child(&main);
    }
    wasm_bindgen_futures::spawn_local(async move {
        match open_exercise_link(&encoded).await {
            Ok(exercise) => {
                // The exercise's parts go between the status line and the footer.
                footer.remove();
                // The exercise is the whole page and lives as long as it.
                std::mem::forget(GradedExercise::start(&main, exercise));
                let _ = main.append_child(&footer);
            }
            Err(error) => {
                let alert = child(&main, "p", "error", &error.to_string());
                let _ = alert.set_attribute("role", "alert");
                let _ = footer.before_with_node_1(&alert);
            }
        }
        opening.remove();
        before_next_frame(post_height);
    });
    // A new width reflows the text, so a resize reports the height again.
    std::mem::forget(Listener::new(&window(), "resize", |_| post_height()));
}

/// The exercise being solved, and what the learner has asked to see.
struct GradedExercise {
    exercise: Exercise,
    check: ExerciseCheckWidget,
    grade: RefCell<Grade>,
    progress: RefCell<ExerciseProgress>,
    hints: HtmlElement,
    actions: HtmlElement,
    hint_button: HtmlElement,
    give_up_button: HtmlElement,
    /// The teacher's answer, in the page only once solved or given up.
    answer: Option<HtmlElement>,
    _clicks: [Listener; 2],
}

impl GradedExercise {
    fn start(parent: &HtmlElement, exercise: Exercise) -> Rc<GradedExercise> {
        let graded = Rc::new_cyclic(|this: &Weak<GradedExercise>| {
            if !exercise.title().is_empty() {
                child(parent, "h1", "embed-title", exercise.title());
            }
            append_markup(&child(parent, "div", "exercise-task", ""), exercise.task());
            let check = {
                let this = this.clone();
                ExerciseCheckWidget::build(
                    &child(parent, "div", "", ""),
                    "embed-exercise",
                    move |text| {
                        if let Some(graded) = this.upgrade() {
                            graded.typed(&text);
                        }
                    },
                )
            };
            let hints = child(parent, "ol", "hints", "");
            let _ = hints.set_attribute("aria-label", "Hints");
            let _ = hints.set_attribute("aria-live", "polite");
            let actions = child(parent, "div", "exercise-actions", "");
            let hint_button = button("Show a hint");
            let give_up_button = button("Give up and show the answer");
            let on_click = |target: &HtmlElement, act: fn(&GradedExercise)| {
                let this = this.clone();
                Listener::new(target, "click", move |_| {
                    if let Some(graded) = this.upgrade() {
                        act(&graded);
                        graded.show();
                    }
                })
            };
            let clicks = [
                on_click(&hint_button, |graded| {
                    graded.progress.borrow_mut().reveal_hint(&graded.exercise);
                }),
                on_click(&give_up_button, |graded| {
                    graded.progress.borrow_mut().answer_shown = true;
                }),
            ];
            let answer = exercise.answer().map(|answer| {
                let block = element("div", "exercise-answer");
                child(
                    &block,
                    "p",
                    "",
                    "The teacher's answer (any pattern that grades every event right is correct):",
                );
                child(&block, "pre", "code-block", answer);
                block
            });
            let start = exercise.start().to_owned();
            check.set_text(&start);
            GradedExercise {
                grade: RefCell::new(grade(&exercise, &start)),
                exercise,
                check,
                progress: RefCell::new(ExerciseProgress::default()),
                hints,
                actions,
                hint_button,
                give_up_button,
                answer,
                _clicks: clicks,
            }
        });
        graded.show();
        graded
    }

    /// Grades a typed pattern and records the try (the pattern the page starts with is no try).
    fn typed(&self, text: &str) {
        let grade = grade(&self.exercise, text);
        self.progress.borrow_mut().record(text, &grade);
        *self.grade.borrow_mut() = grade;
        self.show();
    }

    /// Shows the grade and what the learner may now see: hints asked for, the buttons that still
    /// apply, the answer once solved or given up.
    fn show(&self) {
        let grade = self.grade.borrow();
        let progress = self.progress.borrow();
        let solved_now = grade.is_solved();
        let reveal = progress.reveals_hidden_events() || solved_now;
        self.check.show(&self.exercise, &grade, reveal);
        let hints = self.exercise.hints();
        let used = (progress.hints_used as usize).min(hints.len());
        for hint in hints
            .iter()
            .take(used)
            .skip(self.hints.child_element_count() as usize)
        {
            append_inline_markup(&child(&self.hints, "li", "", ""), hint);
        }
        let more_hints = used < hints.len() && !solved_now;
        let may_give_up =
            progress.may_show_answer(&self.exercise) && !progress.answer_shown && !solved_now;
        show_if(&self.actions, &self.hint_button, more_hints, Place::First);
        show_if(
            &self.actions,
            &self.give_up_button,
            may_give_up,
            Place::Last,
        );
        if let Some(answer) = &self.answer {
            if (progress.answer_shown || progress.solved) && !answer.is_connected() {
                let _ = self.actions.after_with_node_1(answer);
            }
        }
        before_next_frame(post_height);
    }
}

fn button(label: &str) -> HtmlElement {
    let button = element("button", "");
    let _ = button.set_attribute("type", "button");
    button.set_text_content(Some(label));
    button
}

/// Where a button goes among the actions.
enum Place {
    First,
    Last,
}

/// Puts `element` in `parent` at `place`, or takes it out.
fn show_if(parent: &HtmlElement, element: &HtmlElement, shown: bool, place: Place) {
    match (shown, element.is_connected()) {
        (true, false) => {
            let _ = match place {
                Place::First => parent.prepend_with_node_1(element),
                Place::Last => parent.append_with_node_1(element),
            };
        }
        (false, true) => element.remove(),
        _ => {}
    }
}
