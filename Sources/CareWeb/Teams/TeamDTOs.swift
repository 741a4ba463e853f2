import CareCases
import CareCore
import Vapor

extension DTO {
  struct TeamMemberOut: Content {
    let membershipID: String
    let account: AccountOut
    let relationship: String
    let isArranger: Bool
    let status: String
    init(_ e: Team.Entry) {
      (membershipID, account) = (e.membership.id.description, AccountOut(e.account))
      (relationship, isArranger, status) = (
        e.membership.relationship.rawValue, e.membership.isArranger, e.membership.status.rawValue
      )
    }
  }

  struct TeamOut: Content {
    let personID: String
    let person: AccountOut
    let circleID: String
    let communicationNeeds: String?
    let members: [TeamMemberOut]
    init(_ t: Team, showInvited: Bool) {
      (personID, person, circleID) = (t.person.id.description, AccountOut(t.personAccount), t.circle.id.description)
      communicationNeeds = t.person.communicationNeeds
      members = (showInvited ? t.active + t.invited : t.active).map(TeamMemberOut.init)
    }
  }

  struct InvitationIn: Content {
    let name: String
    let email: String
    let relationship: Relationship?
    let isArranger: Bool?
    var domain: Invitation {
      Invitation(name: name, email: email, relationship: relationship, isArranger: isArranger ?? false)
    }
  }

  struct Answer: Content { let accept: Bool }

  struct PersonDetailsIn: Content {
    let circleID: String
    let communicationNeeds: String?
    var domain: PersonDetails { PersonDetails(circleID: circleID, communicationNeeds: communicationNeeds) }
  }

  struct OverrideIn: Content {
    let reason: String
    let hours: Int?
    /// `team`, `visits`: what it reaches (at least one).
    let reaches: [String]?
  }

  struct OverrideOut: Content {
    let id: String
    let holderID: String
    let holder: String
    let reason: String
    let from: Date
    let until: Date
    let endedAt: Date?
    let inForce: Bool
    /// A second hat holder reviews it by then; their review, once given.
    let reviewDue: Date
    let review: OverrideReviewOut?
    let reaches: [String]
    init(_ g: AccessGrant, holder: String?, now: Date, review: OverrideReview? = nil) {
      (id, holderID, self.holder, reason) = (g.id.description, g.holderID.description, holder ?? "", g.reason)
      (from, until, endedAt, inForce) = (g.from, g.until, g.endedAt, g.isActive(at: now))
      (reviewDue, self.review) = (g.reviewDue, review.map(OverrideReviewOut.init))
      reaches = OverrideReach.allCases.filter(g.reaches.contains).map(\.rawValue)
    }
  }

  struct OverrideReviewIn: Content {
    /// `justified` or `not-justified`.
    let outcome: String
    let note: String
  }

  struct OverrideReviewOut: Content {
    let reviewerID: String
    let outcome: String
    let note: String
    let at: Date
    init(_ r: OverrideReview) {
      (reviewerID, outcome, note, at) = (r.reviewerID.description, r.outcome.rawValue, r.note, r.at)
    }
  }
}
