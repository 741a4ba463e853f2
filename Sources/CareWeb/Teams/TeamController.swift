import CareCases
import CareCore
import Vapor

/// A person's team: see it, invite, answer an invitation, take someone out.
enum TeamController {
  static func show(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    switch try await req.cases.lookAtTeam(try req.id(), by: actor) {
    case .invitation(let team, let entry):
      return InvitationPage(
        layout: req.layout("Your invitation", crumbs: [.init(label: "Home", url: .home)]), team: team, entry: entry
      ).response()
    case .team(let model):
      let title = model.isOwner ? "Your team" : "\(model.team.personAccount.name)'s team"
      return TeamPage(
        layout: req.layout(title, crumbs: [.init(label: "Home", url: .home)]), team: model.team,
        viewer: actor.account, mayChange: model.mayChange,
        mayReadWhoLooked: model.mayReadWhoLooked, mayReadMedicines: model.mayReadMedicines,
        mayChangeRecordSettings: model.mayChangeRecordSettings, mayReadRecords: model.mayReadRecords,
        mayReadMedia: model.mayReadMedia, mayReadHours: model.mayReadHours,
        mayChangeDetails: model.mayChangeDetails
      ).response()
    }
  }

  static func inviteForm(_ req: Request) async throws -> Response {
    let team = try await req.cases.teamToChange(try req.id(), by: try await req.actor())
    return invitePage(req, team, FormState()).response()
  }

  static func invite(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    let personID: ID<Person> = try req.id()
    let team = try await req.cases.teamToChange(personID, by: actor)
    var state = try req.formState()
    let input = Invitation(
      name: state["name"], email: state["email"], relationship: Relationship(rawValue: state["relationship"]),
      isArranger: state["isArranger"] == "true")
    do {
      _ = try await req.cases.invite(input, to: personID, by: actor)
      await req.care.jobs.nudge()
      return req.redirect(to: SiteURL.team(.value(personID)).path, redirectType: .normal)
    } catch let error as CareError where error != .notFound && error != .forbidden {
      state.errors = error.fieldErrors
      return invitePage(req, team, state, hasErrors: true).response(.unprocessableEntity)
    }
  }

  private static func invitePage(_ req: Request, _ team: Team, _ state: FormState, hasErrors: Bool = false)
    -> InvitePage
  {
    InvitePage(
      layout: req.layout(
        "Invite someone",
        crumbs: [.init(label: "Home", url: .home), .init(label: "Team", url: .team(.value(team.person.id)))],
        hasErrors: hasErrors),
      team: team, state: state)
  }

  static func respond(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    let personID: ID<Person> = try req.id()
    let answer = try req.formState()["answer"]
    guard ["accept", "decline"].contains(answer) else { throw CareError.invalid("answer", "Choose yes or no") }
    try await req.cases.answerInvitation(to: personID, accept: answer == "accept", by: actor)
    return req.redirect(
      to: answer == "accept" ? SiteURL.team(.value(personID)).path : SiteURL.home.path, redirectType: .normal)
  }

  static func remove(_ req: Request) async throws -> Response {
    let personID: ID<Person> = try req.id()
    let membership: ID<TeamMembership> = try req.id(TeamMembership.self, SiteURL.membershipID)
    try await req.cases.removeFromTeam(membership, of: personID, by: try await req.actor())
    return req.redirect(to: SiteURL.team(.value(personID)).path, redirectType: .normal)
  }

  static func detailsForm(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    let model = try await req.cases.personDetails(try req.id(), by: actor)
    let state = FormState(values: [
      "circleID": model.team.circle.id.description, "communicationNeeds": model.team.person.communicationNeeds ?? "",
    ])
    return detailsPage(req, actor, model, state).response()
  }

  static func changeDetails(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    let personID: ID<Person> = try req.id()
    let model = try await req.cases.personDetails(personID, by: actor)
    var state = try req.formState()
    do {
      _ = try await req.cases.changePersonDetails(
        personID, PersonDetails(circleID: state["circleID"], communicationNeeds: state["communicationNeeds"]),
        by: actor)
      return req.redirect(to: SiteURL.team(.value(personID)).path, redirectType: .normal)
    } catch let error as CareError where error != .notFound && error != .forbidden {
      state.errors = error.fieldErrors
      return detailsPage(req, actor, model, state).response(.unprocessableEntity)
    }
  }

  private static func detailsPage(_ req: Request, _ actor: Requester, _ model: PersonDetailsModel, _ state: FormState)
    -> PersonDetailsPage
  {
    let isOwner = actor.account.id == model.team.personAccount.id
    return PersonDetailsPage(
      layout: req.layout(
        isOwner ? "Your circle and needs" : "\(model.team.personAccount.name)'s circle and needs",
        crumbs: [
          .init(label: "Home", url: .home),
          .init(label: isOwner ? "Your team" : "Team", url: .team(.value(model.team.person.id))),
        ], hasErrors: !state.errors.isEmpty),
      team: model.team, circles: model.circles, isOwner: isOwner, state: state)
  }
}
