import CareCases
import CareCore
import Vapor

/// Concerns, suggestions and compliments: the list with the form to raise one and the monthly trend; one
/// concern with its steps and (for the hats that handle them) the form to move it on; and the API.
enum ConcernsWeb: WebCapability {
  static let openAPI: String? = "concerns"

  static func pages(_ r: PageRoutes) {
    r.get(.concerns, ConcernController.list)
    r.post(.concerns, ConcernController.raise)
    r.get(.concern(.key), ConcernController.show)
    r.post(.concernSteps(.key), ConcernController.move)
  }

  static func api(_ v1: APIRoutes) {
    v1.get(.concerns) { req async throws -> DTO.ConcernsOut in
      DTO.ConcernsOut(try await req.cases.concerns(by: try await req.actor()))
    }
    v1.post(.concerns) { req async throws -> Response in
      let actor = try await req.actor()
      try req.cases.checkMayRaiseConcern(by: actor)
      let body = try req.content.decode(DTO.ConcernIn.self)
      let concern = try await req.cases.raiseConcern(
        NewConcern(kind: body.kind, title: body.title, text: body.text, about: body.about), by: actor)
      return try await DTO.ConcernOut(concern).encodeResponse(status: .created, for: req)
    }
    v1.get(.concern(.key)) { req async throws -> DTO.ConcernOut in
      DTO.ConcernOut(try await req.cases.concern(try req.concernID(), by: try await req.actor()).concern)
    }
    v1.post(.concernSteps(.key)) { req async throws -> Response in
      let actor = try await req.actor()
      try req.cases.checkMayHandleConcerns(by: actor)
      let body = try req.content.decode(DTO.ConcernStepIn.self)
      let concern = try await req.cases.moveConcern(
        try req.concernID(), NewConcernStep(state: body.state, note: body.note), by: actor)
      return try await DTO.ConcernOut(concern).encodeResponse(status: .created, for: req)
    }
  }
}

extension Request {
  /// The `:concernID` of a concern's route.
  func concernID() throws -> ID<Concern> { try id(Concern.self, SiteURL.concernID) }
}

extension DTO {
  struct ConcernIn: Content {
    let kind: String
    let title: String
    let text: String
    /// The person whose support it is about (one whose team the raiser is in), or absent.
    let about: String?
  }

  struct ConcernStepIn: Content {
    let state: String
    let note: String?
  }

  struct ConcernStepOut: Content {
    let state: String
    let note: String
    let by: String
    let at: Date
  }

  struct ConcernOut: Content {
    let id: String
    let kind: String
    let title: String
    let text: String
    let raisedBy: String
    let raisedAt: Date
    let state: String
    let steps: [ConcernStepOut]
    /// The person whose support it is about.
    let about: String?

    init(_ c: Concern) {
      about = c.personID?.description
      (id, kind, title, text, raisedBy, raisedAt, state) = (
        c.id.description, c.kind.rawValue, c.title, c.text, c.raisedBy.description, c.raisedAt, c.state.rawValue
      )
      steps = c.steps.map {
        ConcernStepOut(state: $0.state.rawValue, note: $0.note, by: $0.by.description, at: $0.at)
      }
    }
  }

  struct TrendMonthOut: Content {
    let month: String
    let raised: [String: Int]
    let outcomes: Int
    let meanDaysToOutcome: Int?
    let acknowledgedInTime: Int
  }

  struct ConcernsOut: Content {
    let concerns: [ConcernOut]
    let trend: [TrendMonthOut]

    init(_ m: ConcernsModel) {
      concerns = m.concerns.map(ConcernOut.init)
      trend = m.trend.months.map { month in
        TrendMonthOut(
          month: String(month.first.iso.prefix(7)),
          raised: Dictionary(uniqueKeysWithValues: ConcernKind.allCases.map { ($0.rawValue, month.raised[$0] ?? 0) }),
          outcomes: month.outcomes, meanDaysToOutcome: month.meanDaysToOutcome,
          acknowledgedInTime: month.acknowledgedInTime)
      }
    }
  }
}

enum ConcernController {
  static let crumbs: [Layout.Crumb] = [.init(label: "Concerns and feedback", url: .concerns)]

  static func list(_ req: Request) async throws -> Response {
    try await page(req, try await req.actor(), FormState(), .ok)
  }

  static func page(_ req: Request, _ actor: Requester, _ state: FormState, _ status: HTTPStatus) async throws
    -> Response
  {
    ConcernsPage(
      layout: req.layout("Concerns and feedback", hasErrors: !state.errors.isEmpty),
      model: try await req.cases.concerns(by: actor), state: state, notice: req.url.query == "raised"
    ).response(status)
  }

  static func raise(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    var state = try req.formState()
    do {
      let concern = try await req.cases.raiseConcern(
        NewConcern(
          kind: state["kind"], title: state["title"], text: state["text"],
          about: state["about"].isEmpty ? nil : state["about"]), by: actor)
      return req.redirect(to: SiteURL.concern(.value(concern.id)).path + "?raised", redirectType: .normal)
    } catch let error as CareError where error != .notFound && error != .forbidden {
      let (status, _, fields) = CareErrorMiddleware.classify(error)
      state.errors = fields
      return try await page(req, actor, state, status)
    }
  }

  static func show(_ req: Request) async throws -> Response {
    try await concernPage(req, try await req.actor(), try req.concernID(), FormState(), .ok)
  }

  static func concernPage(
    _ req: Request, _ actor: Requester, _ id: ID<Concern>, _ state: FormState, _ status: HTTPStatus
  ) async throws -> Response {
    let model = try await req.cases.concern(id, by: actor)
    return ConcernPage(
      layout: req.layout("Concern: \(model.concern.title)", crumbs: crumbs, hasErrors: !state.errors.isEmpty),
      model: model, state: state, notice: req.url.query.flatMap(ConcernPage.Notice.init(rawValue:))
    ).response(status)
  }

  static func move(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    let id = try req.concernID()
    var state = try req.formState()
    do {
      try await req.cases.moveConcern(
        id, NewConcernStep(state: state["state"].isEmpty ? nil : state["state"], note: state["note"]), by: actor)
      return req.redirect(to: SiteURL.concern(.value(id)).path + "?moved", redirectType: .normal)
    } catch let error as CareError where error != .notFound && error != .forbidden {
      let (status, _, fields) = CareErrorMiddleware.classify(error)
      state.errors = fields
      return try await concernPage(req, actor, id, state, status)
    }
  }
}
