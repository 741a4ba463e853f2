import CareCases
import CareCore
import Foundation
import Plot

private func when(_ date: Date) -> String {
  "\(CoopCalendar.london.day(of: date).longText) at \(CoopCalendar.clockText(CoopCalendar.london.minuteOfDay(of: date)))"
}

/// Concerns and feedback: the form to raise one, the reader's own (every one, for the hats that handle
/// them, with what is overdue), and the monthly trend for everyone.
struct ConcernsPage: PageView {
  let layout: Layout
  let model: ConcernsModel
  let state: FormState
  let notice: Bool

  var body: Node<HTML.BodyContext> {
    .group(
      Forms.errorSummary(state.errors),
      .h1("Concerns and feedback"),
      .p(
        .class("lead"),
        .text(
          "Tell the co-op when something is wrong, when you have an idea, or when someone did well. It is "
            + "acknowledged within \(ConcernState.acknowledged.promisedDays!) days and given an outcome within "
            + "\(ConcernState.outcome.promisedDays!). Only you and the registered manager see what you write.")),
      form,
      list,
      trend)
  }

  var form: Node<HTML.BodyContext> {
    .section(
      .class("no-print"), .attribute(named: "aria-labelledby", value: "raise-title"),
      .h2(.id("raise-title"), "Raise a concern, a suggestion or a compliment"),
      .form(
        .action(SiteURL.concerns.path), .method(.post), .attribute(named: "novalidate"), Forms.csrf(layout.csrf),
        Forms.radios(
          "kind", legend: "What is it?", options: ConcernKind.allCases.map { ($0.rawValue, $0.label, nil) },
          state: state),
        Forms.text("title", label: "What it is about, in a few words", state: state),
        .if(
          !model.teams.isEmpty,
          Forms.select(
            "about", label: "Is it about someone's support? (optional)", empty: "Nobody in particular",
            options: model.teams.map { ($0.person.description, "\($0.name)'s support: it goes in their records") },
            state: state)),
        Forms.textarea(
          "text", label: "What happened, or your idea", hint: "Say who, when and where if you can.", state: state),
        Forms.submit("Send it")))
  }

  var list: Node<HTML.BodyContext> {
    .section(
      .attribute(named: "aria-labelledby", value: "list-title"),
      .h2(.id("list-title"), .text(model.handles ? "Every concern" : "What you have raised")),
      model.concerns.isEmpty
        ? .p("Nothing yet.")
        : .ul(
          .class("goal-steps"),
          .forEach(model.concerns) { concern in
            .li(
              .a(.href(SiteURL.concern(.value(concern.id)).path), .text(concern.title)),
              .text(
                " — \(concern.kind.label.lowercased()), raised \(CoopCalendar.london.day(of: concern.raisedAt).longText)"
                  + (model.handles ? " by \(model.name(concern.raisedBy))" : "")
                  + (concern.personID.flatMap { model.people[$0] }.map { ", about \($0)'s support" } ?? "")
                  + ". \(concern.state.label)."),
              .unwrap(model.handles ? concern.overdue(today: model.today) : nil) { late in
                .strong(.text(" Overdue: not \(late.label.lowercased()) in time."))
              })
          }))
  }

  var trend: Node<HTML.BodyContext> {
    .section(
      .attribute(named: "aria-labelledby", value: "trend-title"),
      .h2(.id("trend-title"), "Month by month"),
      .p(.class("hint"), .text("Numbers only, for everyone in the co-op: what each says stays private.")),
      ConcernTrendTable(
        months: Array(model.trend.months.reversed()), caption: "Concerns and feedback over the last 12 months"
      ).body)
  }
}

/// One concern: what was raised, each step it has taken with what was said, and for the hats that handle
/// concerns the form to move it on.
struct ConcernPage: PageView {
  enum Notice: String {
    case raised, moved

    var words: String {
      switch self {
      case .raised: "Sent: the registered manager has been told. You will hear at each step."
      case .moved: "Saved: the one who raised it has been told."
      }
    }
  }

  let layout: Layout
  let model: ConcernModel
  let state: FormState
  let notice: Notice?

  var concern: Concern { model.concern }

  var body: Node<HTML.BodyContext> {
    .group(
      Forms.errorSummary(state.errors),
      .h1(.text(concern.title)),
      .unwrap(notice) { .p(.class("notice"), .attribute(named: "role", value: "status"), .text($0.words)) },
      .p(
        .class("lead"),
        .text(
          "\(concern.kind.label), raised by \(model.name(concern.raisedBy)) on \(when(concern.raisedAt)). "
            + "\(concern.state.label).")),
      .unwrap(model.about) { name in
        .p(
          .text(
            "It is about \(name)'s support, so it is part of their records: each time someone reads it, their "
              + "who-looked log says so."))
      },
      .unwrap(model.handles ? concern.overdue(today: model.today) : nil) { late in
        .p(.class("warning"), .text("Overdue: it should have been \(late.label.lowercased()) by now."))
      },
      .forEach(concern.text.split(separator: "\n", omittingEmptySubsequences: true)) { .p(.text(String($0))) },
      .section(
        .attribute(named: "aria-labelledby", value: "steps-title"),
        .h2(.id("steps-title"), "What has happened since"),
        concern.steps.isEmpty
          ? .p("Nothing yet: it waits to be acknowledged.")
          : .ol(
            .forEach(concern.steps) { step in
              .li(
                .strong(.text("\(step.state.label)")), .text(", \(when(step.at)), by \(model.name(step.by))."),
                .unwrap(step.note.isEmpty ? nil : step.note) { .p(.text($0)) })
            })),
      .if(model.handles && !concern.next.isEmpty, form),
      .p(.class("no-print"), .a(.href(SiteURL.concerns.path), "All concerns and feedback")))
  }

  var form: Node<HTML.BodyContext> {
    .section(
      .class("no-print"), .attribute(named: "aria-labelledby", value: "move-title"),
      .h2(.id("move-title"), "Move it on"),
      .form(
        .action(SiteURL.concernSteps(.value(concern.id)).path), .method(.post), .attribute(named: "novalidate"),
        Forms.csrf(layout.csrf),
        Forms.radios(
          "state", legend: "The step it has reached", options: concern.next.map { ($0.rawValue, $0.label, nil) },
          state: state),
        Forms.textarea(
          "note", label: "What was found, and what changes",
          hint: "Needed for an outcome. The one who raised it reads this.", state: state),
        Forms.submit("Save the step")))
  }
}
