import CareCases
import CareCore
import Vapor

/// A person's team: the page, inviting, answering, taking someone out; the same in the API.
enum TeamsWeb: WebCapability {
  static let openAPI: String? = "teams"

  static func pages(_ r: PageRoutes) {
    r.get(.team(.key), TeamController.show)
    r.get(.teamInvite(.key), TeamController.inviteForm)
    r.post(.teamInvite(.key), TeamController.invite)
    r.get(.teamDetails(.key), TeamController.detailsForm)
    r.post(.teamDetails(.key), TeamController.changeDetails)
    r.post(.teamRespond(.key), TeamController.respond)
    r.post(.teamRemove(.key, .key), TeamController.remove)
    r.get(.teamSafeguarding(.key), SafeguardingController.show)
    r.post(.teamSafeguarding(.key), SafeguardingController.start)
    r.post(.teamSafeguardingEnd(.key, .key), SafeguardingController.end)
    r.post(.teamSafeguardingReview(.key, .key), SafeguardingController.review)
  }

  static func api(_ v1: APIRoutes) {
    v1.get(.team(.key)) { req async throws -> DTO.TeamOut in
      let model = try await req.cases.viewTeam(try req.id(), by: try await req.actor())
      return DTO.TeamOut(model.team, showInvited: model.mayChange)
    }
    v1.put(.teamDetails(.key)) { req async throws -> DTO.TeamOut in
      let actor = try await req.actor()
      let personID: ID<Person> = try req.id()
      let input = try req.content.decode(DTO.PersonDetailsIn.self).domain
      let model = try await req.cases.changePersonDetails(personID, input, by: actor)
      return DTO.TeamOut(model.team, showInvited: model.mayChange)
    }
    v1.post(.teamInvitations(.key)) { req async throws -> Response in
      let actor = try await req.actor()
      let personID: ID<Person> = try req.id()
      let input = try req.content.decode(DTO.InvitationIn.self).domain
      let (_, result) = try await req.cases.invite(input, to: personID, by: actor)
      await req.care.jobs.nudge()
      return try await DTO.TeamMemberOut(Team.Entry(membership: result.membership, account: result.invitee))
        .encodeResponse(status: .created, for: req)
    }
    v1.post(.teamAnswer(.key)) { req async throws -> HTTPStatus in
      let actor = try await req.actor()
      let personID: ID<Person> = try req.id()
      let body = try req.content.decode(DTO.Answer.self)
      try await req.cases.answerInvitation(to: personID, accept: body.accept, by: actor)
      return .noContent
    }
    v1.get(.teamOverrides(.key)) { req async throws -> [DTO.OverrideOut] in
      let model = try await req.cases.safeguarding(try req.id(), by: try await req.actor())
      return model.overrides.map {
        DTO.OverrideOut($0, holder: model.names[$0.holderID], now: model.now, review: model.reviews[$0.id])
      }
    }
    v1.post(.teamOverrides(.key)) { req async throws -> Response in
      let actor = try await req.actor()
      let personID: ID<Person> = try req.id()
      let body = try req.content.decode(DTO.OverrideIn.self)
      let grant = try await req.cases.startOverride(
        NewOverride(reason: body.reason, hours: body.hours, reaches: body.reaches ?? []), on: personID, by: actor)
      await req.care.jobs.nudge()
      return try await DTO.OverrideOut(grant, holder: actor.account.name, now: grant.from)
        .encodeResponse(status: .created, for: req)
    }
    v1.post(.teamOverrideEnd(.key, .key)) { req async throws -> HTTPStatus in
      let actor = try await req.actor()
      let personID: ID<Person> = try req.id()
      let grant: ID<AccessGrant> = try req.id(AccessGrant.self, SiteURL.grantID)
      try await req.cases.endOverride(grant, on: personID, by: actor)
      return .noContent
    }
    v1.post(.teamOverrideReview(.key, .key)) { req async throws -> Response in
      let actor = try await req.actor()
      let personID: ID<Person> = try req.id()
      let grant: ID<AccessGrant> = try req.id(AccessGrant.self, SiteURL.grantID)
      try await req.cases.checkMayReviewOverride(grant, on: personID, by: actor)
      let body = try req.content.decode(DTO.OverrideReviewIn.self)
      let review = try await req.cases.reviewOverride(
        grant, on: personID, NewOverrideReview(outcome: body.outcome, note: body.note), by: actor)
      return try await DTO.OverrideReviewOut(review).encodeResponse(status: .created, for: req)
    }
    v1.delete(.teamMember(.key, .key)) { req async throws -> HTTPStatus in
      let personID: ID<Person> = try req.id()
      let membership: ID<TeamMembership> = try req.id(TeamMembership.self, SiteURL.membershipID)
      try await req.cases.removeFromTeam(membership, of: personID, by: try await req.actor())
      return .noContent
    }
  }
}
