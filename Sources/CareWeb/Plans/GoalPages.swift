import CareCases
import CareCore
import Foundation
import Plot

private func when(_ date: Date) -> String { CoopCalendar.london.day(of: date).longText }

private func lines<C: HTML.BodyContext>(_ text: String) -> Node<C> {
  .forEach(text.split(separator: "\n", omittingEmptySubsequences: true)) { .p(.text(String($0))) }
}

/// One goal: how it has gone (the chart, and the same in words), its small steps with a tick for each, the
/// forms to note progress and add a step, everything that happened, newest first, and (for the person or
/// their arranger) marking it achieved or setting it aside.
struct GoalPage: PageView {
  enum Notice: String {
    case added
    case stepAdded = "step-added"
    case noted, status

    var words: String {
      switch self {
      case .added: "Saved: the goal is in the plan."
      case .stepAdded: "Saved: the step is added."
      case .noted: "Saved: the progress is noted."
      case .status: "Saved: the goal's status is changed."
      }
    }
  }

  let layout: Layout
  let model: GoalModel
  let state: FormState
  let notice: Notice?

  var goal: PlanGoal { model.goal }
  var person: ID<Person> { model.team.person.id }
  var working: Bool { goal.status == .working }

  var body: Node<HTML.BodyContext> {
    .group(
      Forms.errorSummary(state.errors),
      .h1(.text("Goal: \(goal.title)")),
      .unwrap(notice) { .p(.class("notice"), .attribute(named: "role", value: "status"), .text($0.words)) },
      .p(.class("lead"), .text(statusLine)),
      .section(
        .attribute(named: "aria-labelledby", value: "chart-title"),
        .h2(.id("chart-title"), "How it has gone"),
        GoalChart(goal: goal, now: model.now).body,
        GoalChart.key,
        .p(.text(GoalChart(goal: goal, now: model.now).summary))),
      stepsSection,
      .if(model.mayNote && working, progressForm),
      historySection,
      .if(model.mayShape, statusForm),
      .p(.class("no-print"), .a(.href(SiteURL.teamPlan(.value(person)).path + "#goals"), "Back to the plan")))
  }

  var statusLine: String {
    let set = "Set on \(when(goal.createdAt)) by \(model.name(goal.createdBy))."
    guard let last = goal.entries.last(where: { [.achieved, .setAside].contains($0.kind) }), !working else {
      return "Working on it. " + set
    }
    return "\(goal.status.label) on \(when(last.at)). " + set
  }

  var stepsSection: Node<HTML.BodyContext> {
    let done = goal.done
    return .section(
      .id("steps-list"), .attribute(named: "aria-labelledby", value: "steps-title"),
      .h2(.id("steps-title"), "Small steps"),
      goal.steps.isEmpty
        ? .p(.class("hint"), "No steps yet.")
        : .ol(
          .class("goal-steps"),
          .forEach(goal.steps) { step in
            let isDone = done.contains(step.number)
            return .li(
              .strong(.text(isDone ? "Done: " : "To do: ")), .text(step.text),
              .if(
                model.mayNote && working,
                .form(
                  .class("no-print inline"),
                  .action(SiteURL.teamPlanGoalProgress(.value(person), .value(goal.id)).path), .method(.post),
                  Forms.csrf(layout.csrf),
                  .input(.type(.hidden), .name("kind"), .value(isDone ? "not-done" : "done")),
                  .input(.type(.hidden), .name("step"), .value(String(step.number))),
                  .button(
                    .type(.submit), .class("button secondary"),
                    .text(isDone ? "Not done after all" : "Mark done"),
                    .span(.class("visually-hidden"), .text(": step \(step.number), \(step.text)"))))))
          }),
      .if(
        model.mayShape && working,
        .form(
          .class("no-print"), .action(SiteURL.teamPlanGoalSteps(.value(person), .value(goal.id)).path),
          .method(.post), .attribute(named: "novalidate"), Forms.csrf(layout.csrf),
          Forms.text(
            "stepText", label: "Another small step",
            hint: "Something that can be done soon. At most \(PlanGoal.longestStep) characters.", state: state),
          Forms.submit("Add the step"))))
  }

  var progressForm: Node<HTML.BodyContext> {
    .section(
      .class("no-print"), .attribute(named: "aria-labelledby", value: "progress-title"),
      .h2(.id("progress-title"), "Note progress"),
      .form(
        .action(SiteURL.teamPlanGoalProgress(.value(person), .value(goal.id)).path), .method(.post),
        .attribute(named: "novalidate"), Forms.csrf(layout.csrf),
        Forms.radios(
          "kind", legend: "What happened?",
          options: [
            ("note", "Something to note", nil), ("done", "A step is done", nil),
            ("not-done", "A step is not done after all", nil),
          ], state: state),
        .div(
          .class(state.error("step") == nil ? "field" : "field field-error"),
          .label(.for("step"), "Which step? (not needed for a note)"),
          .unwrap(state.error("step")) { Forms.errorMessage("step", $0) },
          .select(
            .attribute(named: "name", value: "step"), .attribute(named: "id", value: "step"),
            option("", "None"),
            .forEach(goal.steps) { option(String($0.number), "Step \($0.number): \($0.text)") })),
        Forms.textarea(
          "note", label: "In your words", hint: "What happened, how it went. Needed for a note.", state: state),
        Forms.submit("Save")))
  }

  func option(_ value: String, _ label: String) -> Node<HTML.SelectContext> {
    .element(
      named: "option",
      nodes: [
        .attribute(named: "value", value: value, ignoreIfValueIsEmpty: false),
        .attribute(named: "selected", value: state["step"] == value && !value.isEmpty ? "selected" : nil),
        .text(label),
      ])
  }

  var historySection: Node<HTML.BodyContext> {
    .section(
      .attribute(named: "aria-labelledby", value: "history-title"),
      .h2(.id("history-title"), "What happened, newest first"),
      goal.entries.isEmpty
        ? .p(.class("hint"), "Nothing yet.")
        : .ul(
          .class("goal-steps"),
          .forEach(goal.entries.reversed()) { entry in
            .li(
              .p(.strong(.text("\(when(entry.at)), \(model.name(entry.by)): ")), .text(what(entry))),
              lines(entry.note))
          }))
  }

  func what(_ entry: GoalEntry) -> String {
    let step = entry.step.flatMap { n in goal.steps.first { $0.number == n } }.map { "“\($0.text)”" } ?? "a step"
    return switch entry.kind {
    case .note: "a note"
    case .stepDone: "\(step) done"
    case .stepNotDone: "\(step) not done after all"
    case .achieved: "the goal is achieved"
    case .setAside: "the goal is set aside for now"
    case .resumed: "the goal is picked up again"
    }
  }

  var statusForm: Node<HTML.BodyContext> {
    let choices: [(value: String, label: String, hint: String?)] = PlanGoal.Status.allCases
      .filter { $0 != goal.status }
      .map { ($0.rawValue, $0 == .working ? "Pick it up again" : $0.label, nil) }
    return .section(
      .class("no-print"), .attribute(named: "aria-labelledby", value: "status-title"),
      .h2(.id("status-title"), working ? "Achieved, or set aside?" : "Pick the goal up again?"),
      .form(
        .action(SiteURL.teamPlanGoalStatus(.value(person), .value(goal.id)).path), .method(.post),
        .attribute(named: "novalidate"), Forms.csrf(layout.csrf),
        Forms.radios("status", legend: "The goal is now", options: choices, state: state),
        Forms.textarea("statusNote", label: "A note (optional)", state: state),
        Forms.submit("Save")))
  }
}

/// The plan's goals, under the goals section: each with its steps done, its chart while being worked on, a
/// link to its page; and (for the person or their arranger) the form for a new one.
struct PlanGoalsView {
  let model: PlanModel
  let state: FormState
  let csrf: String

  var person: ID<Person> { model.team.person.id }

  var body: Node<HTML.BodyContext> {
    .div(
      .id("goals-list"),
      .forEach(model.goals) { goal in
        .div(
          .class("card"),
          .h3(
            .a(.href(SiteURL.teamPlanGoal(.value(person), .value(goal.id)).path), .text(goal.title))),
          .p(
            .text(
              "\(goal.status.label). \(goal.done.count) of \(goal.steps.count) step\(goal.steps.count == 1 ? "" : "s") done."
            )
          ),
          .if(goal.status == .working && !goal.steps.isEmpty, GoalChart(goal: goal, now: model.now).body))
      },
      .if(!model.goals.isEmpty, GoalChart.key),
      .if(
        model.mayAnswer,
        .details(
          .class("no-print"),
          .attribute(named: "open", value: state.error("title") == nil && state.error("steps") == nil ? nil : "open"),
          .summary("Add a goal"),
          .form(
            .action(SiteURL.teamPlanGoals(.value(person)).path), .method(.post), .attribute(named: "novalidate"),
            Forms.csrf(csrf),
            Forms.text("title", label: "The goal, in your words", hint: "Like “Go swimming on my own”.", state: state),
            Forms.textarea(
              "steps", label: "Small steps to get there (optional)",
              hint: "One a line, at most \(PlanGoal.mostSteps). More can be added later.", state: state),
            Forms.submit("Add the goal")))))
  }
}
