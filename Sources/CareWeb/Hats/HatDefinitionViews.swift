import CareCases
import CareCore
import Foundation
import Plot

/// A hat's definition by decision: the proposal form's fields, what a proposal would change, and the hat
/// page's history of definitions.
enum HatChange {
  /// The form's accountabilities, one a line (blank lines left out).
  static func typed(_ state: FormState) -> [String] {
    state["hatAccountabilities"].split(whereSeparator: \.isNewline).map {
      $0.trimmingCharacters(in: .whitespaces)
    }.filter { !$0.isEmpty }
  }

  /// A hat as a choice: its name and where it is worn.
  static func label(_ hat: Hat, circles: [Circle]) -> String {
    let circle = hat.circleID.flatMap { id in circles.first { $0.id == id }?.name }
    return "\(hat.name) (\(circle.map { "the \($0) circle: its own decision" } ?? "the whole co-op"))"
  }

  /// The proposal form's fieldset: the hat, its new purpose and what it would involve.
  static func fields(_ hats: [Hat], circles: [Circle], state: FormState) -> Node<HTML.FormContext> {
    .fieldset(
      .element(named: "legend", nodes: [.text("If it passes, give a hat a new definition (optional)")]),
      .p(
        .class("hint"),
        .text(
          "Write the hat's purpose and what it involves as they would be; it takes effect on the day below. A "
            + "circle's hat is the circle's to decide: choose that circle under “Who decides”.")),
      Forms.select(
        "redefines", label: "The hat", empty: "No hat",
        options: hats.map {
          ($0.id.description, label($0, circles: circles))
        }, state: state),
      Forms.text(
        "hatPurpose", label: "Its purpose", hint: "One line, at most \(HatDefinition.longestPurpose) characters.",
        state: state),
      Forms.textarea(
        "hatAccountabilities", label: "What it involves",
        hint: "One accountability a line: at most \(HatDefinition.mostAccountabilities) lines of "
          + "\(HatDefinition.longestAccountability) characters.",
        state: state))
  }

  /// What a proposal would do to a hat, beside its definition today (or, once passed, what it did).
  static func summary(_ proposal: Proposal, hatNow: Hat?) -> Node<HTML.BodyContext> {
    guard let new = proposal.redefinesHat, let from = proposal.takesEffect, let hat = hatNow else { return .empty }
    let passed = proposal.result?.outcome == .passed
    return .section(
      .attribute(named: "aria-labelledby", value: "hat-change-title"),
      .h2(.id("hat-change-title"), .text(passed ? "The hat it redefined" : "The hat it redefines if it passes")),
      .p(
        .text("From \(from.longText), the hat "), .a(.href(SiteURL.hat(.value(hat.id)).path), .text(hat.name)),
        .text(" is for: "), .strong(.text(new.definition.purpose))),
      .if(
        !new.definition.accountabilities.isEmpty,
        .group(
          .p("What it involves:"),
          .ul(.class("list bullets"), .forEach(new.definition.accountabilities) { .li(.text($0)) }))),
      .if(
        !passed,
        .details(
          .summary("The hat's definition now"),
          .p(.text(hat.purpose)),
          .ul(.class("list bullets"), .forEach(hat.accountabilities) { .li(.text($0)) }))))
  }

  /// The hat page's history: every definition decisions gave it, with the decision, and how to propose another.
  static func history(_ model: HatModel, today: Day) -> Node<HTML.BodyContext> {
    .section(
      .attribute(named: "aria-labelledby", value: "definition-title"),
      .h2(.id("definition-title"), "Its definition, as the members decided it"),
      model.definitions.isEmpty
        ? .p("No decision has changed it: these are the words it started with.")
        : .ul(
          .class("list"),
          .forEach(model.definitions.reversed()) { entry in
            .li(
              .text("\(entry.from > today ? "From" : "Since") \(entry.from.longText): \(entry.definition.purpose) "),
              .if(
                !entry.definition.accountabilities.isEmpty,
                .text("(\(entry.definition.accountabilities.joined(separator: "; "))) ")),
              .a(
                .href(SiteURL.proposal(.value(entry.proposalID)).path),
                .text(model.decisionTitles[entry.proposalID].map { "Decided by “\($0)”" } ?? "The decision")))
          }),
      .if(
        model.mayPropose,
        .p(
          .class("no-print"),
          .a(
            .href(SiteURL.proposals.path + "?redefines=\(model.hat.hat.id)#redefines"),
            "Propose a new definition for this hat"))))
  }
}
