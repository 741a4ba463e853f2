import CareCases
import CareCore
import Vapor

/// Proposals put to the co-op: the list with the form for a new one, one proposal with its answers and the
/// form to answer, a closed poll counted again; and the API.
enum GovernanceWeb: WebCapability {
  static let openAPI: String? = "governance"

  static func pages(_ r: PageRoutes) {
    r.get(.proposals, ProposalController.list)
    r.post(.proposals, ProposalController.add)
    r.get(.proposal(.key), ProposalController.show)
    r.post(.proposalVotes(.key), ProposalController.vote)
    r.get(.proposalRecount(.key), ProposalController.recount)
    r.post(.proposalEnteredVotes(.key), ProposalController.enterVote)
    r.post(.proposalBallots(.key), ProposalController.ballot)
    r.post(.proposalEnteredBallots(.key), ProposalController.enterBallot)
    r.get(.proposalBallotPaper(.key), ProposalController.ballotPaper)
    r.post(.proposalTimes(.key), ProposalController.answerTimes)
    r.post(.proposalEnteredTimes(.key), ProposalController.enterTimes)
    r.get(.settings) { req async throws -> Response in
      SettingsPage(
        layout: req.layout("The co-op's settings", crumbs: ProposalController.crumbs),
        model: try await req.cases.settings(by: try await req.actor())
      ).response(.ok)
    }
  }

  static func api(_ v1: APIRoutes) {
    v1.get(.proposals) { req async throws -> [DTO.ProposalOut] in
      try await req.cases.proposals(by: try await req.actor()).proposals.map { DTO.ProposalOut($0, answers: nil) }
    }
    v1.post(.proposals) { req async throws -> Response in
      let actor = try await req.actor()
      try await req.cases.checkMayPropose(by: actor)
      let body = try req.content.decode(DTO.ProposalIn.self)
      let proposal = try await req.cases.addProposal(
        NewProposal(
          title: body.title, text: body.text, kind: body.kind, share: body.share, quorum: body.quorum,
          closesOn: body.closesOn, seats: body.seats, candidates: body.candidates ?? []
        ).forHat(body.hatID, until: body.termEnd)
          .changing((body.changes ?? [:]).mapValues(String.init), from: body.takesEffect)
          .redefining(
            body.hatDefinition?.hatID, purpose: body.hatDefinition?.purpose,
            accountabilities: body.hatDefinition?.accountabilities ?? []
          )
          .forCircle(body.circle)
          .forTeam(body.team)
          .offering(
            (body.times ?? []).map { NewProposal.TypedTime(day: $0.day, start: $0.start) },
            minutes: body.meetingMinutes),
        by: actor)
      return try await DTO.ProposalOut(proposal, answers: []).encodeResponse(status: .created, for: req)
    }
    v1.get(.proposal(.key)) { req async throws -> DTO.ProposalOut in
      let model = try await req.cases.proposal(try req.proposalID(), by: try await req.actor())
      return DTO.ProposalOut(model.proposal, answers: model.answers)
    }
    v1.post(.proposalVotes(.key)) { req async throws -> Response in
      let actor = try await req.actor()
      try req.cases.checkMayVote(by: actor)
      let body = try req.content.decode(DTO.VoteIn.self)
      let vote = try await req.cases.vote(try req.proposalID(), choice: body.choice, reason: body.reason, by: actor)
      return try await DTO.VoteOut(vote).encodeResponse(status: .created, for: req)
    }
    v1.post(.proposalEnteredVotes(.key)) { req async throws -> Response in
      let actor = try await req.actor()
      try req.cases.checkMayEnterVotes(by: actor)
      let body = try req.content.decode(DTO.EnteredVoteIn.self)
      let vote = try await req.cases.enterVote(
        try req.proposalID(), member: body.memberID, choice: body.choice, reason: body.reason, way: body.way,
        by: actor)
      return try await DTO.VoteOut(vote).encodeResponse(status: .created, for: req)
    }
    v1.post(.proposalBallots(.key)) { req async throws -> Response in
      let actor = try await req.actor()
      try req.cases.checkMayVote(by: actor)
      let body = try req.content.decode(DTO.BallotIn.self)
      let code = try await req.cases.castBallot(
        try req.proposalID(), .list(body.ranking), code: body.code, by: actor)
      return try await DTO.BallotOut(code: code).encodeResponse(status: .created, for: req)
    }
    v1.post(.proposalEnteredBallots(.key)) { req async throws -> Response in
      let actor = try await req.actor()
      try req.cases.checkMayEnterVotes(by: actor)
      let body = try req.content.decode(DTO.EnteredBallotIn.self)
      try await req.cases.enterBallot(
        try req.proposalID(), member: body.memberID, .list(body.ranking), way: body.way, by: actor)
      return Response(status: .noContent)
    }
    v1.post(.proposalTimes(.key)) { req async throws -> Response in
      let actor = try await req.actor()
      try req.cases.checkMayVote(by: actor)
      let body = try req.content.decode(DTO.TimePollAnswersIn.self)
      let answers = try await req.cases.answerTimes(try req.proposalID(), answers: body.answers, by: actor)
      return try await DTO.TimeAnswersOut(answers).encodeResponse(status: .created, for: req)
    }
    v1.post(.proposalEnteredTimes(.key)) { req async throws -> Response in
      let actor = try await req.actor()
      try req.cases.checkMayEnterVotes(by: actor)
      let body = try req.content.decode(DTO.EnteredTimesIn.self)
      let answers = try await req.cases.enterTimes(
        try req.proposalID(), member: body.memberID, answers: body.answers, way: body.way, by: actor)
      return try await DTO.TimeAnswersOut(answers).encodeResponse(status: .created, for: req)
    }
    v1.get(.settings) { req async throws -> DTO.SettingsOut in
      DTO.SettingsOut(try await req.cases.settings(by: try await req.actor()))
    }
    v1.get(.proposalRecount(.key)) { req async throws -> DTO.RecountOut in
      DTO.RecountOut(try await req.cases.recount(try req.proposalID(), by: try await req.actor()))
    }
  }
}

extension Request {
  /// The `:proposalID` of a proposal's route.
  func proposalID() throws -> ID<Proposal> { try id(Proposal.self, SiteURL.proposalID) }
}

enum ProposalController {
  static let crumbs: [Layout.Crumb] = [.init(label: "Decisions", url: .proposals)]

  static func list(_ req: Request) async throws -> Response {
    try await page(req, try await req.actor(), FormState(), .ok)
  }

  static func page(_ req: Request, _ actor: Requester, _ state: FormState, _ status: HTTPStatus) async throws
    -> Response
  {
    let model = try await req.cases.proposals(by: actor)
    var state = state
    if state.values.isEmpty {
      // A quorum of a tenth of the members, rounded up, unless the proposer says otherwise.
      state.values = ["kind": ProposalKind.majority.rawValue, "share": MajorityShare.simple.rawValue]
      state.values["quorum"] = String((model.members + 9) / 10)
      // From a circle's page: put to that circle.
      if let circle = req.query[String.self, at: "circle"], model.circleName(ID<Circle>(string: circle)) != nil {
        state.values["circle"] = circle
      }
      // From a hat's page: its definition as it stands, to change (and its circle, which decides it).
      if let id = req.query[String.self, at: "redefines"],
        let hat = model.hats.first(where: { $0.id.description == id })
      {
        state.values["redefines"] = id
        (state.values["hatPurpose"], state.values["hatAccountabilities"]) = (
          hat.purpose, hat.accountabilities.joined(separator: "\n")
        )
        state.values["circle"] = hat.circleID?.description ?? ""
      }
      // From a team's page: a question to that team.
      if let team = req.query[String.self, at: "team"],
        model.teams.contains(where: { $0.person.description == team })
      {
        state.values["team"] = team
      }
    }
    return ProposalsPage(
      layout: req.layout("Decisions: proposals put to the co-op", hasErrors: !state.errors.isEmpty), model: model,
      state: state, notice: req.url.query == "added"
    ).response(status)
  }

  static func add(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    var state = try req.formState()
    do {
      let proposal = try await req.cases.addProposal(
        NewProposal(
          title: state["title"], text: state["text"], kind: state["kind"], share: state["share"],
          quorum: state["quorum"].isEmpty ? nil : Int(state["quorum"]) ?? -1, closesOn: state["closesOn"],
          seats: state["seats"].isEmpty ? nil : Int(state["seats"]) ?? -1,
          candidates: try await req.cases.proposals(by: actor).mayStand.map(\.id.description).filter {
            state["candidate-\($0)"] == "true"
          }
        ).forHat(state["hatID"], until: state["termEnd"])
          .changing(SettingChanges.typed(state), from: state["takesEffect"])
          .redefining(state["redefines"], purpose: state["hatPurpose"], accountabilities: HatChange.typed(state))
          .forCircle(state["circle"].isEmpty ? nil : state["circle"])
          .forTeam(state["team"].isEmpty ? nil : state["team"])
          .offering(
            (1...timePollFormRows).map {
              NewProposal.TypedTime(day: state["time\($0)"], start: state["time\($0)-start"])
            },
            minutes: state["meetingMinutes"].isEmpty ? nil : Int(state["meetingMinutes"]) ?? -1),
        by: actor)
      return req.redirect(to: SiteURL.proposal(.value(proposal.id)).path + "?added", redirectType: .normal)
    } catch let error as CareError where error != .notFound && error != .forbidden {
      let (status, _, fields) = CareErrorMiddleware.classify(error)
      state.errors = fields
      return try await page(req, actor, state, status)
    }
  }

  static func show(_ req: Request) async throws -> Response {
    try await proposalPage(req, try await req.actor(), try req.proposalID(), FormState(), .ok)
  }

  static func proposalPage(
    _ req: Request, _ actor: Requester, _ id: ID<Proposal>, _ state: FormState, _ status: HTTPStatus,
    code: String? = nil
  ) async throws -> Response {
    let model = try await req.cases.proposal(id, by: actor)
    var state = state
    if state.values.isEmpty, let mine = model.mine {
      state.values = ["choice": mine.choice.rawValue, "reason": mine.reason]
    }
    if state.values.isEmpty, let mine = model.myTimes {
      for (time, answer) in zip(model.proposal.times, mine.answers) {
        state.values["time-\(time.number)"] = answer.rawValue
      }
    }
    return ProposalPage(
      layout: req.layout(
        "Proposal: \(model.proposal.title)", crumbs: crumbs, hasErrors: !state.errors.isEmpty),
      model: model, state: state,
      notice: code == nil ? req.url.query.flatMap(ProposalPage.Notice.init(rawValue:)) : .balloted, code: code
    ).response(status)
  }

  static func vote(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    let id = try req.proposalID()
    var state = try req.formState()
    do {
      try await req.cases.vote(
        id, choice: state["choice"].isEmpty ? nil : state["choice"], reason: state["reason"], by: actor)
      return req.redirect(to: SiteURL.proposal(.value(id)).path + "?answered", redirectType: .normal)
    } catch let error as CareError where error != .notFound && error != .forbidden {
      let (status, _, fields) = CareErrorMiddleware.classify(error)
      state.errors = fields
      return try await proposalPage(req, actor, id, state, status)
    }
  }

  /// A member's answers to a time poll: saved, back to the proposal; refused, the problems at each time.
  static func answerTimes(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    let id = try req.proposalID()
    var state = try req.formState()
    do {
      let answers: [String?] = (1...MeetingTime.most).map { state["time-\($0)"].isEmpty ? nil : state["time-\($0)"] }
      try await req.cases.answerTimes(id, answers: answers, by: actor)
      return req.redirect(to: SiteURL.proposal(.value(id)).path + "?answered", redirectType: .normal)
    } catch let error as CareError where error != .notFound && error != .forbidden {
      let (status, _, fields) = CareErrorMiddleware.classify(error)
      state.errors = fields
      return try await proposalPage(req, actor, id, state, status)
    }
  }

  /// A member's postal or proxy answers to a time poll, entered by a hat holder.
  static func enterTimes(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    let id = try req.proposalID()
    var state = try req.formState()
    do {
      let answers: [String?] = (1...MeetingTime.most).map {
        state["entered-time-\($0)"].isEmpty ? nil : state["entered-time-\($0)"]
      }
      try await req.cases.enterTimes(id, member: state["memberID"], answers: answers, way: state["way"], by: actor)
      return req.redirect(to: SiteURL.proposal(.value(id)).path + "?entered", redirectType: .normal)
    } catch let error as CareError where error != .notFound && error != .forbidden {
      let (status, _, fields) = CareErrorMiddleware.classify(error)
      let names = ["member": "memberID"]
      state.errors = fields.map {
        FieldError(names[$0.field] ?? ($0.field.hasPrefix("time-") ? "entered-" + $0.field : $0.field), $0.message)
      }
      return try await proposalPage(req, actor, id, state, status)
    }
  }

  /// A postal or proxy vote entered by a hat holder: saved, back to the proposal; refused, the proposal with
  /// the problems at the entry form's fields.
  static func enterVote(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    let id = try req.proposalID()
    var state = try req.formState()
    do {
      try await req.cases.enterVote(
        id, member: state["memberID"], choice: state["enteredChoice"].isEmpty ? nil : state["enteredChoice"],
        reason: state["enteredReason"], way: state["way"], by: actor)
      return req.redirect(to: SiteURL.proposal(.value(id)).path + "?entered", redirectType: .normal)
    } catch let error as CareError where error != .notFound && error != .forbidden {
      let (status, _, fields) = CareErrorMiddleware.classify(error)
      let names = ["choice": "enteredChoice", "reason": "enteredReason", "member": "memberID"]
      state.errors = fields.map { FieldError(names[$0.field] ?? $0.field, $0.message) }
      return try await proposalPage(req, actor, id, state, status)
    }
  }

  /// A secret ballot (or one changed with its code): the proposal again, saying the ballot is in and showing
  /// the code, once (the page is the answer to the POST, so the code is in no address or log); refused, the
  /// problems at the ballot's fields.
  static func ballot(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    let id = try req.proposalID()
    var state = try req.formState()
    do {
      let code = try await req.cases.castBallot(
        id, .ranks(ranks(state, prefix: "rank-")), code: state["code"], by: actor)
      return try await proposalPage(req, actor, id, FormState(), .ok, code: code)
    } catch let error as CareError where error != .notFound && error != .forbidden {
      let (status, _, fields) = CareErrorMiddleware.classify(error)
      state.errors = fields
      state.values["code"] = nil
      return try await proposalPage(req, actor, id, state, status)
    }
  }

  /// A postal or proxy ballot entered by a hat holder.
  static func enterBallot(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    let id = try req.proposalID()
    var state = try req.formState()
    do {
      try await req.cases.enterBallot(
        id, member: state["memberID"], .ranks(ranks(state, prefix: "entered-rank-")), way: state["way"], by: actor)
      return req.redirect(to: SiteURL.proposal(.value(id)).path + "?entered", redirectType: .normal)
    } catch let error as CareError where error != .notFound && error != .forbidden {
      let (status, _, fields) = CareErrorMiddleware.classify(error)
      let names = ["ranking": "enteredRanking", "member": "memberID"]
      state.errors = fields.map { FieldError(names[$0.field] ?? $0.field, $0.message) }
      return try await proposalPage(req, actor, id, state, status)
    }
  }

  /// The form's rank for each candidate number (`rank-1`, `rank-2`…).
  static func ranks(_ state: FormState, prefix: String) -> [Int: String] {
    var out: [Int: String] = [:]
    for (key, value) in state.values where key.hasPrefix(prefix) {
      if let number = Int(key.dropFirst(prefix.count)) { out[number] = value }
    }
    return out
  }

  /// The ballot paper to print (for a postal vote, or a meeting on paper).
  static func ballotPaper(_ req: Request) async throws -> Response {
    let model = try await req.cases.proposal(try req.proposalID(), by: try await req.actor())
    return BallotPaperPage(
      layout: req.layout("Ballot paper: \(model.proposal.title)", crumbs: crumbs), model: model
    ).response()
  }

  /// The poll counted again, beside the result kept when it closed.
  static func recount(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    let id = try req.proposalID()
    let model = try await req.cases.proposal(id, by: actor)
    let recount = try await req.cases.recount(id, by: actor)
    return RecountPage(
      layout: req.layout("Recount: \(model.proposal.title)", crumbs: crumbs), model: model, recount: recount
    ).response()
  }
}
