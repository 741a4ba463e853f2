import CareCore
import CareStore
import Vapor

/// A person's team: see it, invite, answer an invitation, take someone out.
enum TeamController {
  /// Loads the team and asks the policy; anything not allowed is indistinguishable from missing.
  static func load(_ req: Request, _ decide: (TeamFacts) -> Action) async throws -> (Team, Requester, ID<Person>?) {
    let actor = try await req.actor()
    guard let team = try await req.store.team(try req.id(), coop: actor.coopID) else { throw CareError.notFound }
    let onBehalf = try AccessPolicy.decide(actor, decide(TeamFacts(team))).require()
    return (team, actor, onBehalf)
  }

  static func show(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    let personID: ID<Person> = try req.id()
    let team: Team
    do {
      // The policy's answer and the who-looked row come together from the store.
      team = try await req.store.viewTeam(personID, by: actor, env: req.clock)
    } catch CareError.notFound {
      // Invited but not yet in the team: the invitation only, not the members or their needs.
      guard let invitedTo = try await req.store.team(personID, coop: actor.coopID),
        AccessPolicy.decide(actor, .respondToInvitation(TeamFacts(invitedTo))).isAllowed,
        let entry = invitedTo.invited.first(where: { $0.account.id == actor.account.id })
      else { throw CareError.notFound }
      return InvitationPage(
        layout: req.layout("Your invitation", crumbs: [.init(label: "Home", url: .home)]), team: invitedTo,
        entry: entry
      ).response()
    }
    let facts = TeamFacts(team)
    let title = actor.account.id == team.personAccount.id ? "Your team" : "\(team.personAccount.name)'s team"
    return TeamPage(
      layout: req.layout(title, crumbs: [.init(label: "Home", url: .home)]), team: team, viewer: actor.account,
      mayChange: AccessPolicy.decide(actor, .changeTeam(facts)).isAllowed,
      mayReadWhoLooked: AccessPolicy.decide(actor, .viewWhoLooked(facts)).isAllowed
    ).response()
  }

  static func inviteForm(_ req: Request) async throws -> Response {
    let (team, _, _) = try await load(req) { .changeTeam($0) }
    return invitePage(req, team, FormState()).response()
  }

  static func invite(_ req: Request) async throws -> Response {
    let (team, actor, onBehalf) = try await load(req) { .changeTeam($0) }
    var state = try req.formState()
    let input = Invitation(
      name: state["name"], email: state["email"], relationship: Relationship(rawValue: state["relationship"]),
      isArranger: state["isArranger"] == "true")
    do {
      let result = try await req.store.invite(
        input, to: team, by: actor.account.id, onBehalfOf: onBehalf, env: req.clock)
      try await notify(req, result, team: team)
      return req.redirect(to: SiteURL.team(team.person.id).path, redirectType: .normal)
    } catch let error as CareError {
      state.errors = error.fieldErrors
      return invitePage(req, team, state, hasErrors: true).response(.unprocessableEntity)
    }
  }

  /// New accounts get a link to choose a password; known ones a nudge to sign in and answer.
  static func notify(_ req: Request, _ result: InvitationResult, team: Team) async throws {
    let subject = "\(team.personAccount.name) invites you into their team"
    if result.isNewAccount {
      try await AuthController.sendPasswordLink(req.care, to: result.invitee, subject: subject)
    } else if let email = result.invitee.email {
      let link = req.care.config.publicURL + SiteURL.team(team.person.id).path
      await req.care.mailer.send(to: email, subject: subject, body: "Sign in to answer: \(link)")
    }
  }

  private static func invitePage(_ req: Request, _ team: Team, _ state: FormState, hasErrors: Bool = false)
    -> InvitePage
  {
    InvitePage(
      layout: req.layout(
        "Invite someone", crumbs: [.init(label: "Home", url: .home), .init(label: "Team", url: .team(team.person.id))],
        hasErrors: hasErrors),
      team: team, state: state)
  }

  static func respond(_ req: Request) async throws -> Response {
    let (team, actor, _) = try await load(req) { .respondToInvitation($0) }
    let answer = try req.formState()["answer"]
    guard ["accept", "decline"].contains(answer) else { throw CareError.invalid("answer", "Choose yes or no") }
    try await req.store.respond(to: team, accept: answer == "accept", by: actor.account.id, env: req.clock)
    return req.redirect(
      to: answer == "accept" ? SiteURL.team(team.person.id).path : SiteURL.home.path, redirectType: .normal)
  }

  static func remove(_ req: Request) async throws -> Response {
    let (team, actor, onBehalf) = try await load(req) { .changeTeam($0) }
    let membership: ID<TeamMembership> = try req.id(TeamMembership.self, "membershipID")
    try await req.store.removeFromTeam(
      membership, team: team, by: actor.account.id, onBehalfOf: onBehalf, env: req.clock)
    return req.redirect(to: SiteURL.team(team.person.id).path, redirectType: .normal)
  }
}
