import CareCore
import FluentKit
import Foundation

final class PersonRow: Model, @unchecked Sendable {
  static let schema = "people"
  @IDProperty<PersonRow, UUID>(key: .id) var id: UUID?
  @Field(key: "coop_id") var coopID: UUID
  @Field(key: "account_id") var accountID: UUID
  @Field(key: "circle_id") var circleID: UUID
  @OptionalField(key: "communication_needs") var communicationNeeds: String?

  init() {}

  init(_ p: Person) {
    id = p.id.rawValue
    coopID = p.coopID.rawValue
    accountID = p.accountID.rawValue
    circleID = p.circleID.rawValue
    communicationNeeds = p.communicationNeeds
  }

  var value: Person {
    Person(
      id: CareCore.ID(id!), coopID: CareCore.ID(coopID), accountID: CareCore.ID(accountID),
      circleID: CareCore.ID(circleID),
      communicationNeeds: communicationNeeds)
  }
}

final class TeamMembershipRow: Model, @unchecked Sendable {
  static let schema = "team_memberships"
  @IDProperty<TeamMembershipRow, UUID>(key: .id) var id: UUID?
  @Field(key: "person_id") var personID: UUID
  @Field(key: "account_id") var accountID: UUID
  @Field(key: "relationship") var relationship: String
  @Field(key: "is_arranger") var isArranger: Bool
  @Field(key: "status") var status: String
  @Field(key: "invited_at") var invitedAt: Date
  @OptionalField(key: "responded_at") var respondedAt: Date?

  init() {}

  init(_ m: TeamMembership) {
    id = m.id.rawValue
    personID = m.personID.rawValue
    accountID = m.accountID.rawValue
    relationship = m.relationship.rawValue
    isArranger = m.isArranger
    status = m.status.rawValue
    invitedAt = m.invitedAt
    respondedAt = m.respondedAt
  }

  var value: TeamMembership {
    get throws {
      TeamMembership(
        id: CareCore.ID(id!), personID: CareCore.ID(personID), accountID: CareCore.ID(accountID),
        relationship: try StoreError.known(
          Relationship(rawValue: relationship), "team_memberships.relationship", relationship),
        isArranger: isArranger,
        status: try StoreError.known(TeamMembershipStatus(rawValue: status), "team_memberships.status", status),
        invitedAt: invitedAt, respondedAt: respondedAt)
    }
  }
}

/// A time-limited grant (safeguarding override) on a person's team.
final class AccessGrantRow: Model, @unchecked Sendable {
  static let schema = "access_grants"
  @IDProperty<AccessGrantRow, UUID>(key: .id) var id: UUID?
  @Field(key: "coop_id") var coopID: UUID
  @Field(key: "person_id") var personID: UUID
  @Field(key: "holder_id") var holderID: UUID
  @Field(key: "kind") var kind: String
  @Field(key: "reason") var reason: String
  @Field(key: "starts_at") var startsAt: Date
  @Field(key: "ends_at") var endsAt: Date
  @OptionalField(key: "ended_at") var endedAt: Date?
  @OptionalField(key: "ended_by") var endedBy: UUID?

  init() {}

  init(_ g: AccessGrant) {
    (id, coopID, personID, holderID) = (g.id.rawValue, g.coopID.rawValue, g.personID.rawValue, g.holderID.rawValue)
    (kind, reason, startsAt, endsAt, endedAt) = (g.kind.rawValue, g.reason, g.from, g.until, g.endedAt)
  }

  var value: AccessGrant {
    get throws {
      AccessGrant(
        id: CareCore.ID(id!), coopID: CareCore.ID(coopID), personID: CareCore.ID(personID),
        holderID: CareCore.ID(holderID),
        kind: try StoreError.known(AccessGrant.Kind(rawValue: kind), "access_grants.kind", kind), reason: reason,
        from: startsAt, until: endsAt, endedAt: endedAt)
    }
  }
}
