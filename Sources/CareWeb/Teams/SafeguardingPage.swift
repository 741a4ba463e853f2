import CareCases
import CareCore
import Plot
import Vapor

/// Safeguarding overrides on a person's team: everyone who sees the team sees them (when, who, why, until
/// when); the circle's safeguarding lead and the registered manager may start one or end one in force.
enum SafeguardingController {
  static func show(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    return try await page(req, actor, try req.id(), FormState(values: ["hours": "24"])).response()
  }

  private static func page(_ req: Request, _ actor: Requester, _ personID: ID<Person>, _ state: FormState)
    async throws -> SafeguardingPage
  {
    let model = try await req.cases.safeguarding(personID, by: actor)
    return SafeguardingPage(
      layout: req.layout(
        "Safeguarding overrides on \(model.team.personAccount.name)'s team",
        crumbs: [.init(label: "Home", url: .home), .init(label: "Team", url: .team(.value(personID)))],
        hasErrors: !state.errors.isEmpty),
      model: model, state: state)
  }

  static func start(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    let personID: ID<Person> = try req.id()
    var state = try req.formState()
    let hours = state["hours"].trimmingCharacters(in: .whitespaces)
    do {
      _ = try await req.cases.startOverride(
        NewOverride(reason: state["reason"], hours: hours.isEmpty ? nil : Int(hours) ?? -1), on: personID, by: actor)
      await req.care.jobs.nudge()
      return req.redirect(to: SiteURL.teamSafeguarding(.value(personID)).path, redirectType: .normal)
    } catch let error as CareError where error != .notFound && error != .forbidden {
      state.errors = error.fieldErrors
      return try await page(req, actor, personID, state).response(.unprocessableEntity)
    }
  }

  static func end(_ req: Request) async throws -> Response {
    let personID: ID<Person> = try req.id()
    let grant: ID<AccessGrant> = try req.id(AccessGrant.self, SiteURL.grantID)
    try await req.cases.endOverride(grant, on: personID, by: try await req.actor())
    return req.redirect(to: SiteURL.teamSafeguarding(.value(personID)).path, redirectType: .normal)
  }
}

struct SafeguardingPage: PageView {
  let layout: Layout
  let model: SafeguardingModel
  let state: FormState

  var body: Node<HTML.BodyContext> {
    let name = model.team.personAccount.name
    return .group(
      Forms.errorSummary(state.errors),
      .h1("Safeguarding overrides"),
      .p(
        .text(
          "\(name)'s team has the final say on who is in it and on changes to \(name)'s visits. If someone may be at risk, the circle's safeguarding lead or the registered manager can act over the team for a short time, and must say why. Everything they do then is in the log of who looked."
        )),
      model.overrides.isEmpty
        ? .p("There has been no override.")
        : .div(
          .class("table-wrap"), .attribute(named: "role", value: "region"),
          .attribute(named: "aria-label", value: "Overrides"), .attribute(named: "tabindex", value: "0"),
          .table(
            .caption(.class("visually-hidden"), "Overrides, newest first"),
            .thead(.tr(.th("Started"), .th("Who"), .th("Why"), .th("Until"), .th("Now"))),
            .tbody(
              .forEach(model.overrides) { grant in
                .tr(
                  .td(.text(WhoLookedPage.ukTime(grant.from))), .td(.text(model.names[grant.holderID] ?? "")),
                  .td(.text(grant.reason)), .td(.text(WhoLookedPage.ukTime(grant.endedAt ?? grant.until))),
                  .td(status(grant)))
              }))),
      .if(
        model.mayOverride,
        .section(
          .h2("Start an override"),
          .form(
            .action(SiteURL.teamSafeguarding(.value(model.team.person.id)).path), .method(.post),
            .attribute(named: "novalidate"), Forms.csrf(layout.csrf),
            Forms.textarea(
              "reason", label: "Why is it needed?", hint: "The person and their arranger will read this.",
              state: state),
            Forms.text(
              "hours", label: "For how many hours?", hint: "From 1 to \(AccessGrant.longestHours).", state: state,
              width: "w4"),
            Forms.submit("Start the override")
          )))
    )
  }

  private func status(_ grant: AccessGrant) -> Node<HTML.BodyContext> {
    guard model.isActive(grant) else { return .text(grant.endedAt == nil ? "Ran out" : "Ended early") }
    guard model.mayOverride else { return .text("In force") }
    return .form(
      .action(SiteURL.teamSafeguardingEnd(.value(model.team.person.id), .value(grant.id)).path), .method(.post),
      Forms.csrf(layout.csrf),
      .button(
        .type(.submit), .class("link-button"), .text("End it now"),
        .span(.class("visually-hidden"), .text(": \(model.names[grant.holderID] ?? "")'s override"))))
  }
}
