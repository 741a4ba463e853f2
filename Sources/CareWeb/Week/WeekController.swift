import CareCases
import CareCore
import Vapor

/// The week's pages: the rota keeper's (plan, progress, stop, publish), who is coming to a person, a
/// worker's own week.
enum WeekController {
  static func circleWeek(_ req: Request) async throws -> Response {
    try await page(req, circle: try req.id(), monday: try req.week(), errors: [], status: .ok)
  }

  private static func page(
    _ req: Request, circle: ID<Circle>, monday: Day, errors: [FieldError], status: HTTPStatus
  ) async throws -> Response {
    let model = try await req.cases.weekPlan(circle: circle, monday: monday, by: try await req.actor())
    return WeekPlanPage(
      layout: req.layout(
        "Week from \(monday.longText): \(model.circle.name)",
        crumbs: [
          .init(label: "Home", url: .home), .init(label: "Circles", url: .circles),
          .init(label: model.circle.name, url: .circle(.value(circle))),
        ], hasErrors: !errors.isEmpty),
      model: model, errors: errors
    ).response(status)
  }

  /// How far the engine has got with the newest version, for the page's script.
  static func progress(_ req: Request) async throws -> Response {
    let model = try await req.cases.weekPlan(circle: try req.id(), monday: try req.week(), by: try await req.actor())
    let latest = model.versions.first
    let body = ProgressOut(
      state: latest?.state.rawValue ?? "none", number: latest?.number ?? 0,
      percent: Int(((latest?.progress.fraction ?? 0) * 100).rounded()), seconds: latest?.progress.seconds ?? 0)
    let response = try await body.encodeResponse(for: req)
    response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
    return response
  }

  struct ProgressOut: Content {
    let state: String
    let number: Int
    let percent: Int
    let seconds: Double
  }

  /// The form's week, read like the address's.
  private static func formWeek(_ state: FormState) throws -> Day { try weekHolding(state["week"]) }

  /// Runs a form's command; a refusal the rota keeper can act on is shown on the week's page with the
  /// reason, anything else (not found, not allowed) is the usual error page.
  private static func command(
    _ req: Request, _ run: @escaping (ID<Circle>, Day, FormState, Requester) async throws -> Void
  ) async throws -> Response {
    let circle: ID<Circle> = try req.id()
    let state = try req.formState()
    let monday = try formWeek(state)
    do {
      try await run(circle, monday, state, try await req.actor())
      return req.redirect(to: SiteURL.circleWeek(.value(circle), week: monday).path, redirectType: .normal)
    } catch let error as CareError where error != .notFound && error != .forbidden {
      let (status, _, fields) = CareErrorMiddleware.classify(error)
      return try await page(req, circle: circle, monday: monday, errors: fields, status: status)
    }
  }

  /// The draft a publish names; anything else is not the circle's draft (someone replaced it, or the form
  /// was tampered with).
  private static func version(_ state: FormState) throws -> ID<RotaWeek> {
    guard let id = ID<RotaWeek>(string: state["version"]) else {
      throw CareError.conflict(FieldError("week", "That is not this week's draft: look again before publishing"))
    }
    return id
  }

  static func plan(_ req: Request) async throws -> Response {
    let response = try await command(req) { circle, monday, _, actor in
      _ = try await req.cases.startPlanningWeek(circle: circle, monday: monday, by: actor)
    }
    await req.care.jobs.nudge()
    return response
  }

  static func stop(_ req: Request) async throws -> Response {
    try await command(req) { circle, _, _, actor in
      try await req.cases.stopPlanningWeek(circle: circle, by: actor)
    }
  }

  static func publish(_ req: Request) async throws -> Response {
    try await command(req) { circle, _, state, actor in
      guard let edits = Int(state["edits"]) else {
        throw CareError.conflict(FieldError("week", "That is not this week's draft: look again before publishing"))
      }
      try await req.cases.publishWeek(try version(state), edits: edits, circle: circle, by: actor)
    }
  }

  static func visitForm(_ req: Request) async throws -> Response {
    let model = try await req.cases.visitChange(
      try req.id(RotaVisit.self, SiteURL.visitID), circle: try req.id(), by: try await req.actor())
    let state = FormState(values: [
      "worker": model.visit.workerID.description, "start": CoopCalendar.clockText(model.visit.start),
      "edits": "\(model.week.edits)",
    ])
    return visitPage(req, model, state).response()
  }

  private static func visitPage(_ req: Request, _ model: VisitChangeModel, _ state: FormState) -> VisitChangePage {
    VisitChangePage(
      layout: req.layout(
        "Change \(model.personName)'s visit on \(model.visit.day.longText)",
        crumbs: [
          .init(label: "Home", url: .home), .init(label: model.circle.name, url: .circle(.value(model.circle.id))),
          .init(
            label: "Week from \(model.week.monday.longText)",
            url: .circleWeek(.value(model.circle.id), week: model.week.monday)),
        ], hasErrors: !state.errors.isEmpty),
      model: model, state: state)
  }

  static func changeVisit(_ req: Request) async throws -> Response {
    let circle: ID<Circle> = try req.id()
    let visitID = try req.id(RotaVisit.self, SiteURL.visitID)
    let actor = try await req.actor()
    var state = try req.formState()
    do {
      guard let worker = ID<Account>(string: state["worker"]) else {
        throw CareError.invalid([FieldError("worker", "Choose who will do the visit")])
      }
      let start = try DTO.minuteOfDay(state["start"])
      guard let edits = Int(state["edits"]) else { throw CareError.notFound }
      let visit = try await req.cases.changeVisit(
        visitID, circle: circle, to: worker, start: start, edits: edits, by: actor)
      return req.redirect(
        to: SiteURL.circleWeek(.value(circle), week: Day(iso: state["week"]) ?? visit.day).path,
        redirectType: .normal)
    } catch let error as CareError where error != .notFound && error != .forbidden {
      let (status, _, fields) = CareErrorMiddleware.classify(error)
      state.errors = fields
      let model = try await req.cases.visitChange(visitID, circle: circle, by: actor)
      return visitPage(req, model, state).response(status)
    }
  }

  static func personWeek(_ req: Request) async throws -> Response {
    let model = try await req.cases.personWeek(try req.id(), monday: try req.week(), by: try await req.actor())
    let name = model.team.personAccount.name
    return PersonWeekPage(
      layout: req.layout(
        "Who is coming to \(name), week from \(model.monday.longText)",
        crumbs: [
          .init(label: "Home", url: .home), .init(label: "\(name)'s team", url: .team(.value(model.team.person.id))),
        ]),
      model: model, isOwn: model.team.personAccount.id == req.account?.id, today: req.cases.today
    ).response()
  }

  /// A calendar feed: iCalendar text for calendar programs (no session: the token is the key).
  static func calendar(_ req: Request) async throws -> Response {
    guard let token = req.parameters.get(SiteURL.token), !token.isEmpty, token.count <= 100 else {
      throw CareError.notFound
    }
    var headers = HTTPHeaders()
    headers.replaceOrAdd(name: .contentType, value: "text/calendar; charset=utf-8")
    headers.replaceOrAdd(name: .cacheControl, value: "no-store")
    headers.replaceOrAdd(name: .contentDisposition, value: "inline; filename=\"carecoop.ics\"")
    return Response(status: .ok, headers: headers, body: .init(string: try await req.cases.calendar(token: token)))
  }

  static func startMyCalendar(_ req: Request) async throws -> Response {
    let token = try await req.cases.startMyCalendar(by: try await req.actor())
    return CalendarLinkPage(
      layout: req.layout(
        "Your calendar address", crumbs: [.init(label: "Home", url: .home), .init(label: "My week", url: .myWeek())]),
      url: req.calendarURL(token), what: "your visits", back: .myWeek()
    ).response()
  }

  static func stopMyCalendar(_ req: Request) async throws -> Response {
    try await req.cases.stopMyCalendar(by: try await req.actor())
    return req.redirect(to: SiteURL.myWeek().path, redirectType: .normal)
  }

  static func startTeamCalendar(_ req: Request) async throws -> Response {
    let person: ID<Person> = try req.id()
    let token = try await req.cases.startPersonCalendar(person, by: try await req.actor())
    return CalendarLinkPage(
      layout: req.layout(
        "Calendar address for a person's week",
        crumbs: [.init(label: "Home", url: .home), .init(label: "Who is coming", url: .teamWeek(.value(person)))]),
      url: req.calendarURL(token), what: "who is coming", back: .teamWeek(.value(person))
    ).response()
  }

  static func stopTeamCalendar(_ req: Request) async throws -> Response {
    let person: ID<Person> = try req.id()
    try await req.cases.stopPersonCalendar(person, by: try await req.actor())
    return req.redirect(to: SiteURL.teamWeek(.value(person)).path, redirectType: .normal)
  }

  static func myWeek(_ req: Request) async throws -> Response {
    let model = try await req.cases.myWeek(monday: try req.week(), by: try await req.actor())
    return MyWeekPage(
      layout: req.layout("My week from \(model.monday.longText)", crumbs: [.init(label: "Home", url: .home)]),
      model: model, today: req.cases.today
    ).response()
  }

  // MARK: What a worker agrees to

  static func consentForm(_ req: Request) async throws -> Response {
    let model = try await req.cases.consent(by: try await req.actor())
    return ConsentPage(
      layout: req.layout("What I agree to", crumbs: coverCrumbs), model: model, state: ConsentForm.state(model.zone)
    ).response()
  }

  static func changeConsent(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    var state = try req.formState()
    do {
      let sent = try await req.cases.changeConsent(try ConsentForm.zone(state), by: actor)
      await req.care.jobs.nudge()
      let model = try await req.cases.consent(by: actor)
      return ConsentPage(
        layout: req.layout("What I agree to", crumbs: coverCrumbs), model: model, state: ConsentForm.state(model.zone),
        sentToCover: sent
      ).response()
    } catch let error as CareError where error != .notFound && error != .forbidden {
      let (status, _, fields) = CareErrorMiddleware.classify(error)
      state.errors = fields.map(ConsentForm.field)
      let model = try await req.cases.consent(by: actor)
      return ConsentPage(
        layout: req.layout("What I agree to", crumbs: coverCrumbs, hasErrors: true), model: model, state: state
      ).response(status)
    }
  }

  // MARK: Cover

  private static let coverCrumbs: [Layout.Crumb] = [
    .init(label: "Home", url: .home), .init(label: "My week", url: .myWeek()),
  ]

  static func cover(_ req: Request) async throws -> Response {
    let model = try await req.cases.cover(by: try await req.actor())
    return CoverPage(layout: req.layout("Cover", crumbs: coverCrumbs), model: model).response()
  }

  static func coverAskForm(_ req: Request) async throws -> Response {
    let model = try await req.cases.coverAsk(try req.id(RotaVisit.self, SiteURL.visitID), by: try await req.actor())
    return CoverAskPage(layout: req.layout(coverAskTitle(model), crumbs: coverCrumbs), model: model, state: FormState())
      .response()
  }

  static func coverAsk(_ req: Request) async throws -> Response {
    let visitID = try req.id(RotaVisit.self, SiteURL.visitID)
    let actor = try await req.actor()
    var state = try req.formState()
    do {
      try await req.cases.cannotMake(visitID, reason: state["reason"], by: actor)
      await req.care.jobs.nudge()
      return req.redirect(to: SiteURL.myCover.path, redirectType: .normal)
    } catch let error as CareError where error != .notFound && error != .forbidden {
      let (status, _, fields) = CareErrorMiddleware.classify(error)
      state.errors = fields
      let model = try await req.cases.coverAsk(visitID, by: actor)
      return CoverAskPage(
        layout: req.layout(coverAskTitle(model), crumbs: coverCrumbs, hasErrors: true), model: model,
        state: state
      ).response(status)
    }
  }

  private static func coverAskTitle(_ model: CoverAskModel) -> String {
    "I cannot make \(model.person)'s visit on \(model.visit.day.longText) at \(CoopCalendar.clockText(model.visit.start))"
  }

  static func awayForm(_ req: Request) async throws -> Response {
    _ = try await req.actor()
    return AwayPage(layout: req.layout("I cannot work some days", crumbs: coverCrumbs), state: FormState()).response()
  }

  static func away(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    var state = try req.formState()
    do {
      var problems: [FieldError] = []
      let from = Day(iso: state["from"])
      let through = Day(iso: state["through"])
      if from == nil { problems.append(FieldError("from", "Give the first day as day, month and year")) }
      if through == nil { problems.append(FieldError("through", "Give the last day as day, month and year")) }
      guard let from, let through, problems.isEmpty else { throw CareError.invalid(problems) }
      try await req.cases.cannotWork(from: from, through: through, reason: state["reason"], by: actor)
      await req.care.jobs.nudge()
      return req.redirect(to: SiteURL.myCover.path, redirectType: .normal)
    } catch let error as CareError where error != .notFound && error != .forbidden {
      let (status, _, fields) = CareErrorMiddleware.classify(error)
      state.errors = fields
      return AwayPage(
        layout: req.layout("I cannot work some days", crumbs: coverCrumbs, hasErrors: true), state: state
      ).response(status)
    }
  }

  static func answerCover(_ req: Request) async throws -> Response {
    let offer = try req.id(CoverOffer.self, SiteURL.offerID)
    let actor = try await req.actor()
    let state = try req.formState()
    do {
      guard ["yes", "no"].contains(state["answer"]) else {
        throw CareError.invalid([FieldError("answer", "Say yes or no")])
      }
      try await req.cases.answerCover(offer, accept: state["answer"] == "yes", by: actor)
      await req.care.jobs.nudge()
      return req.redirect(
        to: state["answer"] == "yes" ? SiteURL.myWeek().path : SiteURL.myCover.path, redirectType: .normal)
    } catch let error as CareError where error != .notFound && error != .forbidden {
      let (status, _, fields) = CareErrorMiddleware.classify(error)
      let model = try await req.cases.cover(by: actor)
      return CoverPage(layout: req.layout("Cover", crumbs: coverCrumbs, hasErrors: true), model: model, errors: fields)
        .response(status)
    }
  }
}
