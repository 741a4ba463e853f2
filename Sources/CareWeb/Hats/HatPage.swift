import CareCases
import CareCore
import Foundation
import Plot

struct HatPage: PageView {
  let layout: Layout
  let hat: HatWithHolders
  let scope: String
  let people: [Account]
  let mayHandOver: Bool
  let state: FormState
  var termEndingSoon: (holder: String, ends: Day, days: Int)? = nil
  /// Hand-overs asked for (privileged hats, when a second holder must approve), and the notice after a form.
  var requests: HatRequests = HatRequests()
  var notice: String? = nil
  /// Its definitions by decision (the hat page's model), and today.
  var definitions: Node<HTML.BodyContext> = .empty

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
      .unwrap(notice) { .p(.class("notice"), .attribute(named: "role", value: "status"), .text($0)) },
      .p(.text("Worn for: \(scope)")),
      .p(.text(hat.hat.purpose)),
      .if(
        !hat.hat.accountabilities.isEmpty,
        .group(
          .h2("What it involves"), .ul(.class("list bullets"), .forEach(hat.hat.accountabilities) { .li(.text($0)) }))),
      definitions,
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
      waiting,
      .if(
        mayHandOver,
        .section(
          .h2("Hand over this hat"),
          .if(
            requests.needsApproval,
            .p(
              .class("hint"),
              .text(
                "The members decided that this hat changes hands only when a second hat holder approves: "
                  + "your hand-over will wait for them (at most \(HandoverRequest.lapsesAfterDays) days)."))),
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

  func describe(_ request: HandoverRequest) -> String {
    let term: String = request.termEnd.map { " to \($0.longText)" } ?? ""
    let asked: String = CoopCalendar.london.day(of: request.askedAt).longText
    return "Hand to \(requests.name(request.to)) from \(request.termStart.longText)\(term): asked by "
      + "\(requests.name(request.askedBy)) on \(asked)."
  }

  /// Hand-overs waiting for a second hat holder, each with approve and refuse buttons for those who may.
  var waiting: Node<HTML.BodyContext> {
    let open = requests.all.filter { $0.isWaiting(at: requests.now) }
    return .if(
      !open.isEmpty,
      .section(
        .attribute(named: "aria-labelledby", value: "waiting-title"),
        .h2(.id("waiting-title"), "Waiting for a second hat holder"),
        .forEach(open) { request in
          .div(
            .class("card"),
            .p(.text(describe(request))),
            .if(
              requests.mayApprove.contains(request.id),
              .form(
                .action(SiteURL.hatHandoverAnswer(.value(hat.hat.id), .value(request.id)).path), .method(.post),
                Forms.csrf(layout.csrf),
                .button(.type(.submit), .name("answer"), .value("approve"), .class("button"), "Approve"),
                .button(.type(.submit), .name("answer"), .value("refuse"), .class("button secondary"), "Refuse")),
              else: .p(.class("hint"), "Another hat holder approves it: not the one who asked, nor the one named.")))
        }))
  }
}

/// The requests on a hat's page: every one (newest first), which the viewer may approve, the names, the time.
struct HatRequests {
  var all: [HandoverRequest] = []
  var mayApprove: Set<ID<HandoverRequest>> = []
  var names: [ID<Account>: String] = [:]
  var needsApproval = false
  var now = Date.distantPast

  func name(_ id: ID<Account>) -> String { names[id] ?? "someone" }
}
