import CareCases
import CareCore
import Vapor

/// The person's support plan: the plan (every section as agreed, changes waiting), one section's page to
/// propose a change from the words as they stand, the answer to a change, the history; and the API.
enum PlansWeb: WebCapability {
  static let openAPI: String? = "plans"

  static func pages(_ r: PageRoutes) {
    r.get(.teamPlan(.key), PlanController.show)
    r.get(.teamPlanSection(.key, .key), PlanController.showSection)
    r.post(.teamPlanChanges(.key), PlanController.propose)
    r.post(.teamPlanAnswer(.key, .key), PlanController.answer)
    r.get(.teamPlanHistory(.key), PlanController.history)
    r.post(.teamPlanReviewDate(.key), PlanController.setReviewDate)
    r.post(.teamPlanReviews(.key), PlanController.recordReview)
    r.get(.teamPlanPrint(.key), PlanController.print)
    r.get(.teamPlanPDF(.key), PlanController.pdf)
  }

  static func api(_ v1: APIRoutes) {
    v1.put(.teamPlanReviewDate(.key)) { req async throws -> DTO.ReviewOut in
      let actor = try await req.actor()
      let person: ID<Person> = try req.id()
      try await req.cases.checkMayProposePlanChange(person, by: actor)
      let body = try req.content.decode(DTO.ReviewDateIn.self)
      return DTO.ReviewOut(try await req.cases.setPlanReview(person, due: body.due, by: actor))
    }
    v1.post(.teamPlanReviews(.key)) { req async throws -> Response in
      let actor = try await req.actor()
      let person: ID<Person> = try req.id()
      try await req.cases.checkMayProposePlanChange(person, by: actor)
      let body = try req.content.decode(DTO.ReviewIn.self)
      let review = try await req.cases.recordPlanReview(
        person, held: body.held, notes: body.notes, nextDue: body.nextDue, by: actor)
      return try await DTO.ReviewOut(review).encodeResponse(status: .created, for: req)
    }
    v1.get(.teamPlan(.key)) { req async throws -> DTO.PlanOut in
      DTO.PlanOut(try await req.cases.supportPlan(try req.id(), by: try await req.actor()))
    }
    v1.post(.teamPlanChanges(.key)) { req async throws -> Response in
      let actor = try await req.actor()
      let person: ID<Person> = try req.id()
      try await req.cases.checkMayProposePlanChange(person, by: actor)
      let body = try req.content.decode(DTO.PlanChangeIn.self)
      let change = try await req.cases.proposePlanChange(
        person, section: body.section, basedOn: body.basedOn, text: body.text, note: body.note, by: actor)
      return try await DTO.PlanChangeOut(change).encodeResponse(status: .created, for: req)
    }
    v1.post(.teamPlanAnswer(.key, .key)) { req async throws -> DTO.PlanChangeOut in
      let actor = try await req.actor()
      let person: ID<Person> = try req.id()
      try await req.cases.checkMayAnswerPlanChange(person, by: actor)
      let body = try req.content.decode(DTO.PlanAnswerIn.self)
      return DTO.PlanChangeOut(
        try await req.cases.answerPlanChange(
          person, change: try req.id(PlanChange.self, SiteURL.changeID), answer: body.answer, text: body.text,
          by: actor))
    }
  }
}

extension DTO {
  struct ReviewDateIn: Content {
    let due: String
  }

  struct ReviewIn: Content {
    let held: String
    let notes: String
    let nextDue: String?
  }

  struct ReviewOut: Content {
    let id: String
    let kind: String
    let day: String
    let notes: String
    let nextDue: String?
    let by: String
    let at: Date

    init(_ r: PlanReview) {
      (id, kind, day, notes) = (r.id.description, r.kind.rawValue, r.day.iso, r.notes)
      (nextDue, by, at) = (r.nextDue?.iso, r.by.description, r.at)
    }
  }

  struct PlanChangeIn: Content {
    let section: String
    let basedOn: Int
    let text: String
    let note: String?
  }

  struct PlanAnswerIn: Content {
    let answer: String
    let text: String?
  }

  struct PlanOut: Content {
    let personID: String
    let sections: [PlanSectionOut]
    let history: [PlanChangeOut]
    /// The next review's date, and the reviews (oldest first).
    let reviewDue: String?
    let reviews: [ReviewOut]

    init(_ m: PlanModel) {
      personID = m.plan.personID.description
      sections = m.plan.sections.map(PlanSectionOut.init)
      history = m.plan.history.map(PlanChangeOut.init)
      reviewDue = m.reviews.due?.iso
      reviews = m.reviews.entries.map(ReviewOut.init)
    }
  }

  struct PlanSectionOut: Content {
    let section: String
    let title: String
    let version: Int
    let text: String
    let agreedAt: Date?
    let waiting: [String]

    init(_ s: PlanSectionState) {
      (section, title, version, text, agreedAt) = (s.section.rawValue, s.section.title, s.version, s.text, s.agreedAt)
      waiting = s.waiting.map(\.id.description)
    }
  }

  struct PlanChangeOut: Content {
    let id: String
    let section: String
    let basedOn: Int
    let text: String
    let note: String
    let proposedBy: String
    let proposedAt: Date
    let status: String
    let answeredBy: String?
    let answeredAt: Date?
    let agreedText: String?
    let version: Int?

    init(_ c: PlanChange) {
      (id, section, basedOn, text, note) = (c.id.description, c.section.rawValue, c.basedOn, c.text, c.note)
      (proposedBy, proposedAt, status) = (c.proposedBy.description, c.proposedAt, c.status.rawValue)
      (answeredBy, answeredAt, agreedText, version) = (
        c.answeredBy?.description, c.answeredAt, c.agreedText, c.version
      )
    }
  }
}

enum PlanController {
  static func crumbs(_ team: Team) -> [Layout.Crumb] {
    MedicineController.crumbs(team) + [.init(label: "Support plan", url: .teamPlan(.value(team.person.id)))]
  }

  static func show(_ req: Request) async throws -> Response {
    try await page(req, try await req.actor(), try req.id(), FormState(), .ok)
  }

  static func page(_ req: Request, _ actor: Requester, _ person: ID<Person>, _ state: FormState, _ status: HTTPStatus)
    async throws -> Response
  {
    let model = try await req.cases.supportPlan(person, by: actor)
    let isOwner = actor.account.id == model.team.personAccount.id
    return PlanPage(
      layout: req.layout(
        isOwner ? "Your support plan" : "\(model.personName)'s support plan",
        crumbs: MedicineController.crumbs(model.team), hasErrors: !state.errors.isEmpty),
      model: model, state: state, notice: req.url.query.flatMap(PlanPage.Notice.init(rawValue:))
    ).response(status)
  }

  static func showSection(_ req: Request) async throws -> Response {
    try await sectionPage(req, try await req.actor(), try req.id(), try req.planSection(), FormState(), .ok)
  }

  static func sectionPage(
    _ req: Request, _ actor: Requester, _ person: ID<Person>, _ section: PlanSection, _ state: FormState,
    _ status: HTTPStatus
  ) async throws -> Response {
    let model = try await req.cases.supportPlan(person, by: actor)
    let current = model.plan.section(section)
    var state = state
    if state.values.isEmpty { state.values = ["text": current.text] }
    return PlanSectionPage(
      layout: req.layout(
        "\(section.title): \(model.personName)'s plan", crumbs: crumbs(model.team), hasErrors: !state.errors.isEmpty),
      model: model, section: current, state: state
    ).response(status)
  }

  static func propose(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    let person: ID<Person> = try req.id()
    var state = try req.formState()
    let section = PlanSection(rawValue: state["section"])
    do {
      let change = try await req.cases.proposePlanChange(
        person, section: state["section"], basedOn: Int(state["basedOn"]), text: state["text"], note: state["note"],
        by: actor)
      let notice = change.version == nil ? PlanPage.Notice.proposed : .agreed
      return req.redirect(
        to: SiteURL.teamPlan(.value(person)).path + "?\(notice.rawValue)#\(change.section.rawValue)",
        redirectType: .normal)
    } catch let error as CareError where error != .notFound && error != .forbidden {
      let (status, _, fields) = CareErrorMiddleware.classify(error)
      state.errors = fields
      guard let section else { return try await page(req, actor, person, state, status) }
      return try await sectionPage(req, actor, person, section, state, status)
    }
  }

  static func answer(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    let person: ID<Person> = try req.id()
    var state = try req.formState()
    let changeID: ID<PlanChange> = try req.id(PlanChange.self, SiteURL.changeID)
    do {
      let change = try await req.cases.answerPlanChange(
        person, change: changeID, answer: state["answer"],
        text: state["text"].isEmpty ? nil : state["text"], by: actor)
      let notice = change.status == .declined ? PlanPage.Notice.declined : .agreed
      return req.redirect(
        to: SiteURL.teamPlan(.value(person)).path + "?\(notice.rawValue)#\(change.section.rawValue)",
        redirectType: .normal)
    } catch let error as CareError where error != .notFound && error != .forbidden {
      // The page has a form a waiting change: the summary links to the one that was sent.
      let (status, _, fields) = CareErrorMiddleware.classify(error)
      state.errors = fields.map { FieldError("\($0.field)-\(changeID)", $0.message) }
      state.values = [:]
      return try await page(req, actor, person, state, status)
    }
  }

  /// The plan to print, of the sections the person chose: a page of its own (the choice, then the sections,
  /// on A4 from the print stylesheet).
  static func print(_ req: Request) async throws -> Response {
    let sections = req.planSections()
    let model = try await req.cases.planToPrint(try req.id(), sections: sections, by: try await req.actor())
    return PlanPrintPage(
      layout: req.layout("Print \(model.personName)'s support plan", crumbs: crumbs(model.team)), model: model,
      chosen: sections, makesPDFs: !(req.care.printer is NoPrinter)
    ).response()
  }

  /// The same sections as a tagged PDF, printed by Chromium from the print page's own HTML.
  static func pdf(_ req: Request) async throws -> Response {
    let sections = req.planSections()
    let model = try await req.cases.planToPrint(try req.id(), sections: sections, by: try await req.actor())
    let layout = req.layout("\(model.personName)'s support plan", crumbs: [])
    let page = PlanPrintPage(layout: layout, model: model, chosen: sections, makesPDFs: false)
    let html = layout.renderForPrint(page.printed, siteURL: req.care.config.publicURL)
    let name = model.personName.lowercased().split { !$0.isLetter && !$0.isNumber }.joined(separator: "-")
    return pdfResponse(try await req.care.printer.pdf(html: html), filename: "\(name)-support-plan.pdf")
  }

  static func setReviewDate(_ req: Request) async throws -> Response {
    try await review(req) { actor, person, state in
      try await req.cases.setPlanReview(person, due: state["due"], by: actor)
    }
  }

  static func recordReview(_ req: Request) async throws -> Response {
    try await review(req) { actor, person, state in
      try await req.cases.recordPlanReview(
        person, held: state["held"], notes: state["notes"], nextDue: state["nextDue"], by: actor)
    }
  }

  /// A review form's one way through: saved, back to the plan's reviews; refused, the plan with the problems.
  static func review(
    _ req: Request, _ save: (Requester, ID<Person>, FormState) async throws -> PlanReview
  ) async throws -> Response {
    let actor = try await req.actor()
    let person: ID<Person> = try req.id()
    var state = try req.formState()
    do {
      _ = try await save(actor, person, state)
      return req.redirect(to: SiteURL.teamPlan(.value(person)).path + "?reviewed#reviews", redirectType: .normal)
    } catch let error as CareError where error != .notFound && error != .forbidden {
      let (status, _, fields) = CareErrorMiddleware.classify(error)
      state.errors = fields
      return try await page(req, actor, person, state, status)
    }
  }

  static func history(_ req: Request) async throws -> Response {
    let model = try await req.cases.supportPlan(try req.id(), by: try await req.actor())
    return PlanHistoryPage(
      layout: req.layout("Changes to \(model.personName)'s plan", crumbs: crumbs(model.team)), model: model
    ).response()
  }
}
