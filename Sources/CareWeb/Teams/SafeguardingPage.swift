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
        NewOverride(
          reason: state["reason"], hours: hours.isEmpty ? nil : Int(hours) ?? -1,
          reaches: OverrideReach.allCases.map(\.rawValue).filter { state["reach-\($0)"] == "true" }),
        on: personID, by: actor)
      await req.care.jobs.nudge()
      return req.redirect(to: SiteURL.teamSafeguarding(.value(personID)).path, redirectType: .normal)
    } catch let error as CareError where error != .notFound && error != .forbidden {
      state.errors = error.fieldErrors
      return try await page(req, actor, personID, state).response(.unprocessableEntity)
    }
  }

  /// A second hat holder's review: saved, back to the overrides; refused, the page with the problems at the
  /// review form's fields.
  static func review(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    let personID: ID<Person> = try req.id()
    let grant: ID<AccessGrant> = try req.id(AccessGrant.self, SiteURL.grantID)
    var state = try req.formState()
    do {
      try await req.cases.reviewOverride(
        grant, on: personID, NewOverrideReview(outcome: state["outcome"], note: state["note"]), by: actor)
      await req.care.jobs.nudge()
      return req.redirect(to: SiteURL.teamSafeguarding(.value(personID)).path, redirectType: .normal)
    } catch let error as CareError where error != .notFound && error != .forbidden {
      let (status, _, fields) = CareErrorMiddleware.classify(error)
      state.errors = fields
      if state["hours"].isEmpty { state.values["hours"] = "24" }
      return try await page(req, actor, personID, state).response(status)
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
            .thead(.tr(.th("Started"), .th("Who"), .th("Why"), .th("Until"), .th("Now"), .th("Review"))),
            .tbody(
              .forEach(model.overrides) { grant in
                .tr(
                  .td(.text(WhoLookedPage.ukTime(grant.from))), .td(.text(model.names[grant.holderID] ?? "")),
                  .td(
                    .text(grant.reason),
                    .p(
                      .class("hint"),
                      .text(
                        "Reaches: "
                          + OverrideReach.allCases.filter(grant.reaches.contains).map { $0.label.lowercased() }
                          .joined(separator: "; ")))), .td(.text(WhoLookedPage.ukTime(grant.endedAt ?? grant.until))),
                  .td(status(grant)), .td(review(grant)))
              }))),
      .unwrap(model.overrides.last { model.reviewable.contains($0.id) }) { reviewForm($0) },
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
            reachBoxes,
            Forms.submit("Start the override")
          )))
    )
  }

  /// What the override reaches: only what the task needs (the first box carries the field's id).
  private var reachBoxes: Node<HTML.FormContext> {
    .div(
      .class(state.error("reaches") == nil ? "field" : "field field-error"),
      .fieldset(
        .element(named: "legend", nodes: [.text("What does it need to reach?")]),
        .p(.class("hint"), .text("Only what the task needs. Everything else stays the team's say.")),
        .unwrap(state.error("reaches")) { Forms.errorMessage("reaches", $0) },
        .forEach(Array(OverrideReach.allCases.enumerated())) { pair in
          let (index, reach) = pair
          let name = "reach-\(reach.rawValue)"
          return .div(
            .class("checkbox"),
            .input(
              .type(.checkbox), .name(name), .id(index == 0 ? "reaches" : name), .value("true"),
              .checked(state[name] == "true")),
            .label(.for(index == 0 ? "reaches" : name), .text(reach.label)))
        }))
  }

  /// The review, once given; until then when it is due (and whether that has passed).
  private func review(_ grant: AccessGrant) -> Node<HTML.BodyContext> {
    guard let review = model.reviews[grant.id] else {
      return model.isOverdue(grant)
        ? .strong(.text("Overdue: due by \(WhoLookedPage.ukTime(grant.reviewDue))"))
        : .text("Due by \(WhoLookedPage.ukTime(grant.reviewDue))")
    }
    return .group(
      .text("\(review.outcome.label), by \(model.names[review.reviewerID] ?? "someone"): "), .text(review.note))
  }

  /// For a second hat holder: the oldest override they may review.
  private func reviewForm(_ grant: AccessGrant) -> Node<HTML.BodyContext> {
    .section(
      .class("no-print"), .attribute(named: "aria-labelledby", value: "review-title"),
      .h2(.id("review-title"), "Review an override"),
      .p(
        .text(
          "\(model.names[grant.holderID] ?? "Someone") acted over the team from \(WhoLookedPage.ukTime(grant.from)), "
            + "because: \(grant.reason). A second person who answers for safety says whether it was justified, "
            + "by \(WhoLookedPage.ukTime(grant.reviewDue)).")),
      .form(
        .action(SiteURL.teamSafeguardingReview(.value(model.team.person.id), .value(grant.id)).path), .method(.post),
        .attribute(named: "novalidate"), Forms.csrf(layout.csrf),
        Forms.radios(
          "outcome", legend: "Was it justified?",
          options: OverrideReview.Outcome.allCases.map { ($0.rawValue, $0.label, nil) }, state: state),
        Forms.textarea(
          "note", label: "Why you think so", hint: "The person, their arranger and the one who acted will read this.",
          state: state),
        Forms.submit("Save the review")))
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
