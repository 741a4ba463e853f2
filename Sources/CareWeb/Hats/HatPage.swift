import CareCases
import CareCore
import Plot

struct HatPage: PageView {
  let layout: Layout
  let hat: HatWithHolders
  let scope: String
  let people: [Account]
  let mayHandOver: Bool
  let state: FormState
  var termEndingSoon: (holder: String, ends: Day, days: Int)? = nil

  var body: Node<HTML.BodyContext> {
    .group(
      Forms.errorSummary(state.errors),
      .h1(.text(hat.hat.name)),
      .unwrap(termEndingSoon) { soon in
        .p(
          .class("warning"), .attribute(named: "role", value: "status"),
          .text(
            "\(soon.holder)'s term ends on \(soon.ends.longText) ("
              + (soon.days == 0 ? "today" : soon.days == 1 ? "tomorrow" : "in \(soon.days) days")
              + "). Then nobody wears this hat: put an election for it to the members, or hand it over. "),
          .a(.href(SiteURL.proposals.path), "Put an election to the members"))
      },
      .p(.text("Worn for: \(scope)")),
      .p(.text(hat.hat.purpose)),
      .if(
        !hat.hat.accountabilities.isEmpty,
        .group(
          .h2("What it involves"), .ul(.class("list bullets"), .forEach(hat.hat.accountabilities) { .li(.text($0)) }))),
      .h2("Who has worn it"),
      hat.history.isEmpty
        ? .p("Nobody has worn this hat yet.")
        : .ul(
          .class("list"),
          .forEach(hat.history) { holding, account in
            .li(
              .text(
                "\(account.name): from \(holding.termStart.longText)"
                  + (holding.endedOn.map { " to \($0.longText)" }
                    ?? (holding.termEnd.map { ", term ends \($0.longText)" } ?? ""))))
          }),
      .if(
        mayHandOver,
        .section(
          .h2("Hand over this hat"),
          .form(
            .action(SiteURL.hatHandover(.value(hat.hat.id)).path), .method(.post), .attribute(named: "novalidate"),
            Forms.csrf(layout.csrf),
            .input(
              .type(.hidden), .name("replacing"),
              .value(hat.history.first { $0.0.endedOn == nil }?.0.id.description ?? "")),
            Forms.radios(
              "toAccountID", legend: "Who will wear it?", options: people.map { ($0.id.description, $0.name, nil) },
              state: state),
            Forms.date("termStart", legend: "Term starts", hint: "For example, 1 4 2026", state: state),
            Forms.date("termEnd", legend: "Term ends (optional)", hint: "For example, 31 3 2027", state: state),
            Forms.submit("Hand over")
          )
        ))
    )
  }
}
