import CareCases
import CareCore
import Vapor

/// A person's support pattern and home: see them, propose a change, answer one, set the home.
enum PatternController {
  private static func crumbs(_ model: PatternModel) -> [Layout.Crumb] {
    [
      .init(label: "Home", url: .home),
      .init(label: "\(model.team.personAccount.name)'s team", url: .team(.value(model.team.person.id))),
    ]
  }

  static func page(_ req: Request) async throws -> Response {
    let model = try await req.cases.pattern(try req.id(), by: try await req.actor())
    return PatternPage(
      layout: req.layout("\(model.team.personAccount.name)'s visits", crumbs: crumbs(model)), model: model
    ).response()
  }

  static func form(_ req: Request) async throws -> Response {
    let model = try await req.cases.pattern(try req.id(), by: try await req.actor())
    guard model.mayPropose else { throw CareError.forbidden }
    let (state, rows) = PatternForm.state(
      model.inEffect?.pattern, from: model.today, flexibility: model.flexibilityDefault)
    return formPage(req, model, state, rows).response()
  }

  private static func formPage(_ req: Request, _ model: PatternModel, _ state: FormState, _ rows: Int)
    -> PatternFormPage
  {
    PatternFormPage(
      layout: req.layout(
        "Propose a change to \(model.team.personAccount.name)'s visits", crumbs: crumbs(model),
        hasErrors: !state.errors.isEmpty),
      model: model, state: state, rows: rows)
  }

  static func propose(_ req: Request) async throws -> Response {
    let person: ID<Person> = try req.id()
    let actor = try await req.actor()
    var state = try req.formState()
    let model = try await req.cases.pattern(person, by: actor)
    guard model.mayPropose else { throw CareError.forbidden }
    do {
      let (pattern, from) = try PatternForm.pattern(state, workers: model.workers)
      try await req.cases.proposePattern(pattern, from: from, person: person, by: actor)
      await req.care.jobs.nudge()
      return req.redirect(to: SiteURL.teamPattern(.value(person)).path, redirectType: .normal)
    } catch let error as CareError where error != .notFound && error != .forbidden {
      let (status, _, fields) = CareErrorMiddleware.classify(error)
      state.errors = fields.map { PatternForm.field($0, rows: Array(0..<PatternForm.rows(state))) }
      return formPage(req, model, state, PatternForm.rows(state)).response(status)
    }
  }

  static func answer(_ req: Request) async throws -> Response {
    let person: ID<Person> = try req.id()
    let version = try req.id(PatternVersion.self, SiteURL.versionID)
    let actor = try await req.actor()
    let state = try req.formState()
    do {
      guard ["agree", "decline"].contains(state["answer"]) else {
        throw CareError.invalid([FieldError("answer", "Say whether you agree")])
      }
      try await req.cases.answerPattern(version, agree: state["answer"] == "agree", person: person, by: actor)
      return req.redirect(to: SiteURL.teamPattern(.value(person)).path, redirectType: .normal)
    } catch let error as CareError where error != .notFound && error != .forbidden {
      let (status, _, fields) = CareErrorMiddleware.classify(error)
      let model = try await req.cases.pattern(person, by: actor)
      return PatternPage(
        layout: req.layout("\(model.team.personAccount.name)'s visits", crumbs: crumbs(model), hasErrors: true),
        model: model, errors: fields
      ).response(status)
    }
  }

  static func homeForm(_ req: Request) async throws -> Response {
    let model = try await req.cases.pattern(try req.id(), by: try await req.actor())
    guard model.mayChangeHome else { throw CareError.forbidden }
    return PersonHomePage(
      layout: req.layout("\(model.team.personAccount.name)'s home", crumbs: crumbs(model)), model: model,
      state: PatternForm.homeState(model.home)
    ).response()
  }

  static func changeHome(_ req: Request) async throws -> Response {
    let person: ID<Person> = try req.id()
    let actor = try await req.actor()
    var state = try req.formState()
    // Who may not change it is told so before anything they sent is read.
    guard try await req.cases.pattern(person, by: actor).mayChangeHome else { throw CareError.forbidden }
    do {
      try await req.cases.changeHome(try PatternForm.home(state), person: person, by: actor)
      return req.redirect(to: SiteURL.teamPattern(.value(person)).path, redirectType: .normal)
    } catch let error as CareError where error != .notFound && error != .forbidden {
      let (status, _, fields) = CareErrorMiddleware.classify(error)
      state.errors = fields
      let model = try await req.cases.pattern(person, by: actor)
      return PersonHomePage(
        layout: req.layout("\(model.team.personAccount.name)'s home", crumbs: crumbs(model), hasErrors: true),
        model: model, state: state
      ).response(status)
    }
  }
}
