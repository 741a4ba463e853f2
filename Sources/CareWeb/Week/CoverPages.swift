import CareCases
import CareCore
import Plot

/// A worker's cover: visits they are asked to cover (yes or no), what they already answered, and the
/// visits they said they cannot make with who is coming instead.
struct CoverPage: PageView {
  let layout: Layout
  let model: CoverModel
  var errors: [FieldError] = []

  var body: Node<HTML.BodyContext> {
    .group(
      Forms.errorSummary(errors),
      .h1("Cover"),
      .p(
        .class("lead"),
        .text(
          "When a worker cannot make a visit, the co-op asks the person's backup first, then their team, then "
            + "workers in the circle who cover. The first to say yes gets the visit.")),
      .section(
        .attribute(named: "aria-labelledby", value: "asked-title"),
        .h2(.id("asked-title"), "Visits you are asked to cover"),
        model.openOffers.isEmpty
          ? .p("Nobody is asking you to cover a visit just now.")
          : .ul(.class("visits"), .forEach(model.openOffers) { offer($0) })),
      .if(
        !model.answeredOffers.isEmpty,
        .section(
          .attribute(named: "aria-labelledby", value: "answered-title"),
          .h2(.id("answered-title"), "Offers you have answered or that closed"),
          .ul(
            .forEach(model.answeredOffers) { o in
              .li(
                .text(
                  "\(o.person), \(o.request.day.longText) at \(CoopCalendar.clockText(o.offer.start)): \(Self.state(o))"
                ))
            }))),
      .section(
        .attribute(named: "aria-labelledby", value: "mine-title"),
        .h2(.id("mine-title"), "Visits you cannot make"),
        model.asked.isEmpty
          ? .p("You have not said you cannot make any visit.")
          : .ul(
            .forEach(model.asked) { a in
              .li(
                .text(
                  "\(a.person), \(a.request.day.longText) at \(CoopCalendar.clockText(a.request.start)): \(Self.state(a))"
                ))
            }),
        .p(.a(.href(SiteURL.myAway.path), "I cannot work some days")),
        .p(.a(.href(SiteURL.myWeek().path), "Back to my week"))))
  }

  func offer(_ o: CoverModel.Offer) -> Node<HTML.ListContext> {
    let r = o.request
    return .li(
      .class("visit"),
      .div(
        .p(.strong(.text("\(r.day.longText), \(timeSpan(o.offer.start, o.offer.start + r.length))"))),
        .p(.text("\(o.person)\(o.area.isEmpty ? "" : ", in \(o.area)")")),
        .p(.text("For: " + r.tasks.sorted().map(\.label).joined(separator: ", "))),
        .p(.class("hint"), .text("You get the address when you say yes.")),
        .form(
          .action(SiteURL.coverOffer(.value(o.offer.id)).path), .method(.post), Forms.csrf(layout.csrf),
          .button(.type(.submit), .name("answer"), .value("yes"), .class("button"), "Yes, I will go"),
          .text(" "),
          .button(.type(.submit), .name("answer"), .value("no"), .class("button secondary"), "No, I cannot"))))
  }

  static func state(_ o: CoverModel.Offer) -> String {
    switch o.offer.state {
    case .accepted: "you said yes: it is in your week"
    case .declined: "you said no"
    case .closed, .waiting, .offered:
      o.request.state == .replanned ? "the week was planned again" : "someone else is going"
    }
  }

  static func state(_ a: CoverModel.Asked) -> String {
    switch a.request.state {
    case .open: "finding someone"
    case .covered: "\(a.coveredBy ?? "someone") is going instead"
    case .replanned: "the week was planned again"
    }
  }
}

/// "I cannot make this visit": the visit, an optional reason for the rota keeper, and the button.
struct CoverAskPage: PageView {
  let layout: Layout
  let model: CoverAskModel
  let state: FormState

  var body: Node<HTML.BodyContext> {
    let v = model.visit
    return .group(
      Forms.errorSummary(state.errors),
      .h1(.text("I cannot make \(model.person)'s visit on \(v.day.longText)")),
      .p(.text("\(model.person), \(v.day.longText), \(timeSpan(v.start, v.end)).")),
      .p(
        .text(
          "The co-op will ask the person's backup first, then their team, then workers in the circle who cover. "
            + "The visit stays yours until someone says yes.")),
      .form(
        .action(SiteURL.myVisitCover(.value(v.id)).path), .method(.post), .attribute(named: "novalidate"),
        Forms.csrf(layout.csrf),
        Forms.textarea(
          "reason", label: "Why (optional)", hint: "Only the rota keeper sees this. At most 500 characters.",
          state: state),
        Forms.submit("Tell the co-op I cannot come")),
      .p(.a(.href(SiteURL.myWeek(week: CoopCalendar.london.weekStart(of: v.day)).path), "Back to my week")))
  }
}

/// "I cannot work these days": every visit of theirs in the days goes to cover.
struct AwayPage: PageView {
  let layout: Layout
  let state: FormState

  var body: Node<HTML.BodyContext> {
    .group(
      Forms.errorSummary(state.errors),
      .h1("I cannot work some days"),
      .p(
        .text(
          "Each of your visits on these days goes to cover: the person's backup is asked first. You can give up to "
            + "\(Cases.longestAway) days at a time.")),
      .form(
        .action(SiteURL.myAway.path), .method(.post), .attribute(named: "novalidate"), Forms.csrf(layout.csrf),
        Forms.date("from", legend: "First day", hint: "For example, 7 12 2026", state: state),
        Forms.date("through", legend: "Last day", hint: "For example, 9 12 2026", state: state),
        Forms.textarea(
          "reason", label: "Why (optional)", hint: "Only the rota keeper sees this. At most 500 characters.",
          state: state),
        Forms.submit("Find cover for these days")),
      .p(.a(.href(SiteURL.myCover.path), "Back to cover")))
  }
}

/// The rota keeper's list of the week's visits that went to cover: still without a worker first.
func coverSection(_ model: WeekPlanModel) -> Node<HTML.BodyContext> {
  .if(
    !model.cover.isEmpty,
    .section(
      .attribute(named: "aria-labelledby", value: "cover-title"),
      .h2(.id("cover-title"), .text("Cover (\(model.openCover.count) still without a worker)")),
      .ul(
        .forEach(model.cover) { r in
          let worker = model.name(r.workerID)
          let state =
            switch r.state {
            case .open:
              r.tier.map { "no worker yet: asked \($0.label)" } ?? "no worker yet: nobody in the circle can take it"
            case .covered: "\(r.coveredBy.map(model.name) ?? "someone") is going"
            case .replanned: "planned again"
            }
          return .li(
            .text(
              "\(model.name(r.personID)), \(r.day.longText) at \(CoopCalendar.clockText(r.start)): \(worker) cannot "
                + "come\(r.reason.isEmpty ? "" : " (\(r.reason))"); \(state)"))
        })))
}
