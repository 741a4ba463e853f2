import CareCases
import CareCore
import Plot
import Vapor

/// Workers' engagements: the page and the API.
enum EngagementsWeb: WebCapability {
  static let openAPI: String? = "engagements"

  static func pages(_ r: PageRoutes) {
    r.get(.workerEngagements(.key), EngagementController.show)
    r.post(.workerEngagements(.key), EngagementController.start)
  }

  static func api(_ v1: APIRoutes) {
    v1.get(.workerEngagements(.key)) { req async throws -> [DTO.EngagementOut] in
      try await req.cases.engagements(of: try req.id(), by: try await req.actor()).engagements
        .map(DTO.EngagementOut.init)
    }
    v1.post(.workerEngagements(.key)) { req async throws -> Response in
      let actor = try await req.actor()
      let worker: ID<Account> = try req.id()
      let body = try req.content.decode(DTO.EngagementIn.self)
      let engagement = try await req.cases.startEngagement(
        NewEngagement(basis: body.basis, hourlyPence: body.hourlyPence, startedOn: body.startedOn), for: worker,
        by: actor)
      return try await DTO.EngagementOut(engagement).encodeResponse(status: .created, for: req)
    }
  }
}

extension DTO {
  struct EngagementIn: Content {
    let basis: Engagement.Basis?
    let hourlyPence: Int?
    let startedOn: String
  }

  struct EngagementOut: Content {
    let id: String
    let accountID: String
    let basis: String
    let hourlyPence: Int
    let startedOn: String
    let endedOn: String?
    init(_ e: Engagement) {
      (id, accountID, basis, hourlyPence) = (e.id.description, e.accountID.description, e.basis.rawValue, e.hourlyPence)
      (startedOn, endedOn) = (e.startedOn.iso, e.endedOn?.iso)
    }
  }
}

enum EngagementController {
  static func show(_ req: Request) async throws -> Response {
    try await page(req, try await req.actor(), try req.id(), FormState()).response()
  }

  private static func page(_ req: Request, _ actor: Requester, _ worker: ID<Account>, _ state: FormState)
    async throws -> EngagementsPage
  {
    let model = try await req.cases.engagements(of: worker, by: actor)
    return EngagementsPage(
      layout: req.layout(
        "How \(model.worker.name) is engaged", crumbs: [.init(label: "Home", url: .home)],
        hasErrors: !state.errors.isEmpty),
      model: model, state: state)
  }

  static func start(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    let worker: ID<Account> = try req.id()
    var state = try req.formState()
    let pence = state["hourlyPence"].trimmingCharacters(in: .whitespaces)
    let input = NewEngagement(
      basis: Engagement.Basis(rawValue: state["basis"]), hourlyPence: pence.isEmpty ? nil : Int(pence) ?? -1,
      startedOn: state["startedOn"])
    do {
      _ = try await req.cases.startEngagement(input, for: worker, by: actor)
      return req.redirect(to: SiteURL.workerEngagements(.value(worker)).path, redirectType: .normal)
    } catch let error as CareError where error != .notFound && error != .forbidden {
      state.errors = error.fieldErrors
      return try await page(req, actor, worker, state).response(.unprocessableEntity)
    }
  }
}

struct EngagementsPage: PageView {
  let layout: Layout
  let model: EngagementsModel
  let state: FormState

  var body: Node<HTML.BodyContext> {
    .group(
      Forms.errorSummary(state.errors),
      .h1(.text("How \(model.worker.name) is engaged")),
      .p(
        .text(
          model.current.map { "Now: \($0.basis.label.lowercased()), \(Pence($0.hourlyPence).formatted) an hour." }
            ?? "No engagement today.")),
      model.engagements.isEmpty
        ? .p("There has been no engagement.")
        : .div(
          .class("table-wrap"), .attribute(named: "role", value: "region"),
          .attribute(named: "aria-label", value: "Engagements"), .attribute(named: "tabindex", value: "0"),
          .table(
            .caption(.class("visually-hidden"), "Engagements, newest first"),
            .thead(.tr(.th("From"), .th("To"), .th("How"), .th("Pay an hour"))),
            .tbody(
              .forEach(model.engagements) { e in
                .tr(
                  .td(.text(e.startedOn.longText)), .td(.text(e.endedOn?.longText ?? "")), .td(.text(e.basis.label)),
                  .td(.text(Pence(e.hourlyPence).formatted)))
              }))),
      .if(
        model.mayChange,
        .section(
          .h2("Start a new engagement or change the pay"),
          .p("The one before ends the day before the new one starts. Nothing earlier is changed."),
          .form(
            .action(SiteURL.workerEngagements(.value(model.worker.id)).path), .method(.post),
            .attribute(named: "novalidate"), Forms.csrf(layout.csrf),
            Forms.radios(
              "basis", legend: "How are they engaged?",
              options: Engagement.Basis.allCases.map { ($0.rawValue, $0.label, nil) }, state: state),
            Forms.text(
              "hourlyPence", label: "Pay for an hour, in pence", hint: "For example, 1350 for £13.50", state: state,
              width: "w10"),
            Forms.date("startedOn", legend: "From which day?", hint: "For example, 6 4 2027", state: state),
            Forms.submit("Save the engagement")
          )))
    )
  }
}
