import CareCases
import CareCore
import Foundation
import Plot

struct CirclesPage: PageView {
  let layout: Layout
  let circles: [Circle]
  let mayManage: Bool
  let state: FormState
  /// The guide a new circle starts with (the co-op's setting).
  var guide: SizeGuide = .standard

  var body: Node<HTML.BodyContext> {
    .group(
      Forms.errorSummary(state.errors),
      .h1("Circles"),
      .p("A circle is a small, local group of workers who support a few teams together."),
      circles.isEmpty
        ? .p("There are no circles yet.")
        : .ul(
          .class("list"),
          .forEach(circles) { .li(.a(.href(SiteURL.circle(.value($0.id)).path), .text("\($0.name) – \($0.area)"))) }),
      .if(
        mayManage,
        .section(
          .h2("Start a circle"),
          .form(
            .action(SiteURL.circles.path), .method(.post), .attribute(named: "novalidate"),
            Forms.csrf(layout.csrf),
            Forms.text("name", label: "Circle name", state: state),
            Forms.text(
              "area", label: "Area it covers", hint: "For example, a town or a few neighbourhoods", state: state),
            Forms.text(
              "maxWorkers", label: "Most workers before it should split", hint: "Leave empty for \(guide.maxWorkers)",
              state: state,
              width: "w4"),
            Forms.text(
              "maxTeams", label: "Most teams before it should split", hint: "Leave empty for \(guide.maxTeams)",
              state: state,
              width: "w4"),
            Forms.submit("Start the circle")
          )
        ))
    )
  }
}

struct CirclePage: PageView {
  let layout: Layout
  let detail: CircleDetail
  let visibleTeams: Set<ID<Person>>
  let isMember: Bool
  let mayJoin: Bool
  let mayPlanWeek: Bool
  let mayManage: Bool
  let today: Day
  /// The decisions put to the circle, newest first; whether the reader may put one; the time now.
  var proposals: [Proposal] = []
  var mayPropose = false
  var now = Date.distantPast
  var guideHistory: [SettingEntry] = []

  var body: Node<HTML.BodyContext> {
    let circle = detail.circle
    return .group(
      .h1(.text(circle.name)),
      .p(.text("Area: \(circle.area)")),
      .unwrap(detail.sizeAdvice) { .div(.class("warning"), .attribute(named: "role", value: "status"), .p(.text($0))) },
      .if(
        mayJoin,
        .form(
          .action((isMember ? SiteURL.circleLeave(.value(circle.id)) : .circleJoin(.value(circle.id))).path),
          .method(.post),
          Forms.csrf(layout.csrf),
          Forms.submit(isMember ? "Leave this circle" : "Join this circle")
        )),
      .if(mayPlanWeek, .p(.a(.href(SiteURL.circleWeek(.value(circle.id)).path), "Plan this week's visits"))),
      .if(mayManage, .p(.a(.href(SiteURL.circleSplit(.value(circle.id)).path), "Split this circle in two"))),
      .h2(.text("Workers (\(detail.workers.count) of \(circle.sizeGuide.maxWorkers))")),
      detail.workers.isEmpty
        ? .p("No workers yet.")
        : .ul(.class("list"), .forEach(detail.workers) { .li(.text($0.name)) }),
      .h2(.text("Teams (\(detail.people.count) of \(circle.sizeGuide.maxTeams))")),
      .ul(
        .class("list"),
        .forEach(detail.people.filter { visibleTeams.contains($0.0.id) }) { person, account in
          .li(.a(.href(SiteURL.team(.value(person.id)).path), .text("\(account.name)'s team")))
        }),
      .if(
        detail.people.count > visibleTeams.count,
        .p(.text("Teams are private to the people in them."))),
      .h2("Hats"),
      .ul(
        .class("list"),
        .forEach(detail.hats) { hat in
          let holders = hat.current(on: today).map(\.1.name)
          return .li(
            .a(.href(SiteURL.hat(.value(hat.hat.id)).path), .text(hat.hat.name)),
            .text(": " + (holders.isEmpty ? "nobody wears this hat yet" : holders.joined(separator: ", "))))
        }),
      decisions)
  }

  /// The circle's own decisions: its workers and the people it supports answer them.
  var decisions: Node<HTML.BodyContext> {
    .section(
      .attribute(named: "aria-labelledby", value: "decisions-title"),
      .h2(.id("decisions-title"), "The circle's decisions"),
      .p(.text("Put to this circle alone: its workers and the people it supports answer, one member one vote.")),
      proposals.isEmpty
        ? .p("None yet.")
        : .ul(
          .class("list"),
          .forEach(proposals) { p in
            .li(
              .a(.href(SiteURL.proposal(.value(p.id)).path), .text(p.title)),
              .text(" — \(p.kind.label). " + statusLine(p, p.status(at: now))))
          }),
      .if(
        !guideHistory.isEmpty,
        .group(
          .h3("Its size guide, as its decisions set it"),
          .ul(
            .class("list"),
            .forEach(guideHistory) { entry in
              .li(
                .text(
                  "From \(entry.from.longText): \(entry.setting.circleLabel.lowercased()), "
                    + "\(entry.setting.text(entry.value)). "),
                .a(.href(SiteURL.proposal(.value(entry.proposalID)).path), "The decision"))
            }))),
      .if(
        mayPropose,
        .p(
          .a(
            .href(SiteURL.proposals.path + "?circle=\(detail.circle.id)#propose-title"),
            "Put a proposal to this circle"))))
  }
}
