import CareCases
import CareCore
import Vapor

/// The team's final say as the person sets it: the say page (the setting, its history, the decisions), one
/// decision with its answers and the form to answer, and the API.
enum TeamSayWeb: WebCapability {
  static let openAPI: String? = "teamsay"

  static func pages(_ r: PageRoutes) {
    r.get(.teamSay(.key), TeamSayController.show)
    r.post(.teamSay(.key), TeamSayController.change)
    r.get(.teamDecision(.key, .key), TeamSayController.decision)
    r.post(.teamDecision(.key, .key), TeamSayController.answer)
  }

  static func api(_ v1: APIRoutes) {
    v1.get(.teamSay(.key)) { req async throws -> DTO.TeamSayOut in
      DTO.TeamSayOut(try await req.cases.teamSay(try req.id(), by: try await req.actor()))
    }
    v1.put(.teamSay(.key)) { req async throws -> DTO.TeamSayOut in
      let actor = try await req.actor()
      let person: ID<Person> = try req.id()
      try await req.cases.checkMaySetTeamSay(person, by: actor)
      let body = try req.content.decode(DTO.TeamSayIn.self)
      try await req.cases.setTeamSay(body.say, person: person, by: actor)
      return DTO.TeamSayOut(try await req.cases.teamSay(person, by: actor))
    }
    v1.post(.teamDecisionAnswers(.key, .key)) { req async throws -> Response in
      let actor = try await req.actor()
      let person: ID<Person> = try req.id()
      try await req.cases.checkMayWeighIn(person, by: actor)
      let body = try req.content.decode(DTO.TeamAnswerIn.self)
      let decision = try await req.cases.answerTeamDecision(
        try req.decisionID(), choice: body.choice, reason: body.reason, person: person, by: actor)
      let model = try await req.cases.teamDecision(decision.id, person: person, by: actor)
      return try await DTO.TeamDecisionOut(decision, model).encodeResponse(status: .created, for: req)
    }
  }
}

extension Request {
  /// The `:decisionID` of a team decision's route.
  func decisionID() throws -> ID<TeamDecision> { try id(TeamDecision.self, SiteURL.decisionID) }
}

extension DTO {
  struct TeamSayIn: Content {
    let say: String
  }

  struct TeamAnswerIn: Content {
    let choice: String
    let reason: String?
  }

  struct TeamAnswerOut: Content {
    let account: String
    let choice: String
    let reason: String
    let at: Date
  }

  struct TeamDecisionOut: Content {
    let id: String
    let matter: String
    let subject: String
    let summary: String
    let say: String
    let proposedBy: String
    let proposedAt: Date
    let closesAt: Date
    /// waiting, agreed or declined.
    let state: String
    let waitingFor: [String]
    let why: String?
    let answers: [TeamAnswerOut]

    init(_ d: TeamDecision, _ model: TeamSayModel) {
      (id, matter, subject, summary, say) = (
        d.id.description, d.matter.rawValue, d.subjectID.uuidString.lowercased(), d.summary, d.say.rawValue
      )
      (proposedBy, proposedAt, closesAt) = (d.proposedBy.description, d.proposedAt, d.closesAt)
      switch model.state(d) {
      case .waiting(let who, _): (state, waitingFor, why) = ("waiting", who, nil)
      case .agreed(let w): (state, waitingFor, why) = ("agreed", [], w)
      case .declined(let w): (state, waitingFor, why) = ("declined", [], w)
      }
      answers = d.answers.map {
        TeamAnswerOut(account: $0.accountID.description, choice: $0.choice.rawValue, reason: $0.reason, at: $0.at)
      }
    }
  }

  struct TeamSayOut: Content {
    let say: String
    let setBy: String?
    let setAt: Date?
    let history: [TeamSaySettingOut]
    let decisions: [TeamDecisionOut]

    init(_ m: TeamSayModel) {
      (say, setBy, setAt) = (m.setting.say.rawValue, m.setting.setBy?.description, m.setting.setAt)
      history = m.history.map { TeamSaySettingOut(say: $0.say.rawValue, setBy: $0.setBy?.description, setAt: $0.setAt) }
      decisions = m.decisions.map { TeamDecisionOut($0, m) }
    }
  }

  struct TeamSaySettingOut: Content {
    let say: String
    let setBy: String?
    let setAt: Date?
  }
}

enum TeamSayController {
  static func crumbs(_ team: Team) -> [Layout.Crumb] {
    MedicineController.crumbs(team) + [
      .init(label: "How \(team.personAccount.name)'s team decides", url: .teamSay(.value(team.person.id)))
    ]
  }

  static func show(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    let model = try await req.cases.teamSay(try req.id(), by: actor)
    var state = FormState()
    state.values["say"] = model.setting.say.rawValue
    return page(req, model, state, .ok)
  }

  static func page(_ req: Request, _ model: TeamSayModel, _ state: FormState, _ status: HTTPStatus) -> Response {
    TeamSayPage(
      layout: req.layout(
        "How \(model.personName)'s team decides", crumbs: MedicineController.crumbs(model.team),
        hasErrors: !state.errors.isEmpty),
      model: model, state: state, saved: req.url.query == "saved"
    ).response(status)
  }

  static func change(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    let person: ID<Person> = try req.id()
    try await req.cases.checkMaySetTeamSay(person, by: actor)
    var state = try req.formState()
    do {
      try await req.cases.setTeamSay(state["say"].isEmpty ? nil : state["say"], person: person, by: actor)
      return req.redirect(to: SiteURL.teamSay(.value(person)).path + "?saved", redirectType: .normal)
    } catch let error as CareError where error != .notFound && error != .forbidden {
      let (status, _, fields) = CareErrorMiddleware.classify(error)
      state.errors = fields
      return page(req, try await req.cases.teamSay(person, by: actor), state, status)
    }
  }

  static func decision(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    return try await decisionPage(req, actor, try req.id(), try req.decisionID(), FormState(), .ok)
  }

  static func decisionPage(
    _ req: Request, _ actor: Requester, _ person: ID<Person>, _ id: ID<TeamDecision>, _ state: FormState,
    _ status: HTTPStatus
  ) async throws -> Response {
    let model = try await req.cases.teamDecision(id, person: person, by: actor)
    let decision = model.decisions[0]
    let at = CoopCalendar.london
    // Unique per page: the person, what, and the moment it was proposed.
    let title =
      "\(decision.summary) for \(model.personName), proposed \(at.day(of: decision.proposedAt).longText) at "
      + CoopCalendar.clockText(at.minuteOfDay(of: decision.proposedAt))
    return TeamDecisionPage(
      layout: req.layout(title, crumbs: crumbs(model.team), hasErrors: !state.errors.isEmpty),
      model: model, state: state, answered: req.url.query == "answered"
    ).response(status)
  }

  static func answer(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    let person: ID<Person> = try req.id()
    let id = try req.decisionID()
    try await req.cases.checkMayWeighIn(person, by: actor)
    var state = try req.formState()
    do {
      try await req.cases.answerTeamDecision(
        id, choice: state["choice"].isEmpty ? nil : state["choice"], reason: state["reason"], person: person,
        by: actor)
      return req.redirect(
        to: SiteURL.teamDecision(.value(person), .value(id)).path + "?answered", redirectType: .normal)
    } catch let error as CareError where error != .notFound && error != .forbidden {
      let (status, _, fields) = CareErrorMiddleware.classify(error)
      state.errors = fields
      return try await decisionPage(req, actor, person, id, state, status)
    }
  }
}
