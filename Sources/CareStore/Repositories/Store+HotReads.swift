import CareCore
import FluentKit
import Foundation
import SQLKit

/// The reads every signed-in request makes (its session, what the policy needs about the one asking) and
/// the team page's, written as plain SQL decoded into plain structs. Fluent's models find their fields by
/// reflection on every row and build each query's SQL afresh, which cost about half the CPU of a team view
/// (perf, release build); these are one query where Fluent made two or three. Same SQL on both engines.
extension Store {
  /// The session for a token hash with its account, in one query.
  func sessionWithAccount(tokenHash: String) async throws -> (SessionRecord, Account)? {
    try await cached(.session(tokenHash: tokenHash)) { try await self.readSessionWithAccount(tokenHash: tokenHash) }
  }

  private func readSessionWithAccount(tokenHash: String) async throws -> (SessionRecord, Account)? {
    let sql = db as! any SQLDatabase
    guard
      let row = try await sql.raw(
        """
        SELECT s.kind AS "kind", s.created_at AS "createdAt", s.last_seen_at AS "lastSeenAt",
          a.id AS "id", a.coop_id AS "coopID", a.name AS "name", a.email_address AS "email",
          a.is_administrator AS "isAdministrator", a.prefers_easy_read AS "prefersEasyRead"
        FROM sessions s JOIN accounts a ON a.id = s.account_id
        WHERE s.token_hash = \(bind: tokenHash)
        """
      ).first(decoding: SessionAccountRecord.self)
    else { return nil }
    return (SessionRecord(kind: row.kind, createdAt: row.createdAt, lastSeenAt: row.lastSeenAt), row.account)
  }

  /// What the access policy needs about the one asking: their membership, circles and the hats they
  /// hold on `day`, in one query (was four, through Fluent): one row a fact, tagged with what it is.
  public func actor(for account: Account, on day: Day) async throws -> Requester {
    let cachedRequester = try await cached(.requester(account: account.id.rawValue, day: day)) {
      try await self.readRequester(for: account, on: day)
    }
    // The load never gives nil; read again rather than trap if that ever changes.
    if let cachedRequester { return cachedRequester }
    return try await readRequester(for: account, on: day)
  }

  private func readRequester(for account: Account, on day: Day) async throws -> Requester {
    let sql = db as! any SQLDatabase
    let me = account.id.rawValue
    let facts = try await sql.raw(
      """
      SELECT 'member' AS "tag", member_class AS "a", left_on AS "b", NULL AS "c", NULL AS "d", NULL AS "e"
        FROM members WHERE account_id = \(bind: me)
      UNION ALL
      SELECT 'circle', CAST(circle_id AS TEXT), NULL, NULL, NULL, NULL
        FROM circle_memberships WHERE account_id = \(bind: me) AND left_at IS NULL
      UNION ALL
      SELECT 'hat', h.kind, CAST(h.circle_id AS TEXT), hh.term_start, hh.term_end, hh.ended_on
        FROM hat_holdings hh JOIN hats h ON h.id = hh.hat_id WHERE hh.account_id = \(bind: me)
      """
    ).all(decoding: RequesterFactRecord.self)
    var memberClass: MemberClass?
    var circles: Set<ID<Circle>> = []
    var held: Set<Requester.HeldHat> = []
    for fact in facts {
      switch fact.tag {
      case "member":
        let stored = fact.a ?? ""
        let known = try StoreError.known(MemberClass(rawValue: stored), "members.member_class", stored)
        memberClass = fact.b == nil ? known : nil
      case "circle":
        let stored = fact.a ?? ""
        circles.insert(
          CareCore.ID(try StoreError.known(UUID(uuidString: stored), "circle_memberships.circle_id", stored)))
      default:
        let kind = fact.a ?? ""
        let start = fact.c ?? ""
        let current = HatHolding.isCurrent(
          termStart: try StoreError.known(Day(iso: start), "hat_holdings.term_start", start),
          termEnd: try fact.d.map { try StoreError.known(Day(iso: $0), "hat_holdings.term_end", $0) },
          endedOn: try fact.e.map { try StoreError.known(Day(iso: $0), "hat_holdings.ended_on", $0) }, on: day)
        guard current else { continue }
        held.insert(
          Requester.HeldHat(
            kind: try StoreError.known(HatKind(rawValue: kind), "hats.kind", kind),
            circleID: try fact.b.map { CareCore.ID(try StoreError.known(UUID(uuidString: $0), "hats.circle_id", $0)) }))
      }
    }
    var requester = Requester(account: account, memberClass: memberClass, circleIDs: circles, hats: held)
    // Only those who may start overrides can hold one: everybody else's request needs no second query.
    if requester.mayHoldOverrides { requester.grants = try await grants(heldBy: account.id, around: day) }
    return requester
  }

  /// One person's team, from memory when nothing was written since it was read (SQLite).
  func cachedTeam(_ personID: ID<Person>, coop: ID<Coop>) async throws -> Team? {
    try await cached(.team(person: personID.rawValue, coop: coop.rawValue)) {
      try await Self.team(personID, coop: coop, on: self.db)
    }
  }

  /// One person's team: the person with their account and circle in one query, the team's entries with
  /// their accounts in another (oldest invitation first).
  static func team(_ personID: ID<Person>, coop: ID<Coop>, on db: any Database) async throws -> Team? {
    let sql = db as! any SQLDatabase
    guard
      let head = try await sql.raw(
        """
        SELECT p.account_id AS "accountID", p.circle_id AS "circleID", p.communication_needs AS "communicationNeeds",
          a.name AS "accountName", a.email_address AS "accountEmail", a.is_administrator AS "accountIsAdministrator",
          a.prefers_easy_read AS "accountPrefersEasyRead",
          c.name AS "circleName", c.area AS "circleArea", c.max_workers AS "maxWorkers", c.max_teams AS "maxTeams"
        FROM people p JOIN accounts a ON a.id = p.account_id JOIN circles c ON c.id = p.circle_id
        WHERE p.id = \(bind: personID.rawValue) AND p.coop_id = \(bind: coop.rawValue)
        """
      ).first(decoding: TeamHeadRecord.self)
    else { return nil }
    let entries = try await sql.raw(
      """
      SELECT m.id AS "id", m.account_id AS "accountID", m.relationship AS "relationship",
        m.is_arranger AS "isArranger", m.status AS "status", m.invited_at AS "invitedAt",
        m.responded_at AS "respondedAt",
        a.coop_id AS "accountCoopID", a.name AS "accountName", a.email_address AS "accountEmail",
        a.is_administrator AS "accountIsAdministrator", a.prefers_easy_read AS "accountPrefersEasyRead"
      FROM team_memberships m JOIN accounts a ON a.id = m.account_id
      WHERE m.person_id = \(bind: personID.rawValue)
      ORDER BY m.invited_at, m.id
      """
    ).all(decoding: TeamEntryRecord.self)
    let person = Person(
      id: personID, coopID: coop, accountID: CareCore.ID(head.accountID), circleID: CareCore.ID(head.circleID),
      communicationNeeds: head.communicationNeeds)
    return Team(
      person: person,
      personAccount: Account(
        id: CareCore.ID(head.accountID), coopID: coop, name: head.accountName, email: head.accountEmail,
        isAdministrator: head.accountIsAdministrator, prefersEasyRead: head.accountPrefersEasyRead),
      circle: Circle(
        id: CareCore.ID(head.circleID), coopID: coop, name: head.circleName, area: head.circleArea,
        sizeGuide: SizeGuide(maxWorkers: head.maxWorkers, maxTeams: head.maxTeams)),
      entries: try entries.map { try $0.entry(personID: personID) })
  }

  /// Appends audit lines in as few statements as the engines allow (one for up to 500 lines).
  static func insertAuditEvents(_ events: [AuditEvent], on db: any Database) async throws {
    let sql = db as! any SQLDatabase
    var start = events.startIndex
    while start < events.endIndex {
      let end = min(start + 500, events.endIndex)
      let insert = sql.insert(into: "audit_events")
        .columns("id", "coop_id", "at", "actor_id", "on_behalf_of", "person_id", "action", "detail")
      for e in events[start..<end] {
        insert.values(
          SQLBind(e.id.rawValue), SQLBind(e.coopID?.rawValue), SQLBind(e.at), SQLBind(e.actorID?.rawValue),
          SQLBind(e.onBehalfOf?.rawValue), SQLBind(e.personID?.rawValue), SQLBind(e.action.rawValue),
          SQLBind(e.detail))
      }
      try await insert.run()
      start = end
    }
  }
}

struct SessionRecord: Sendable {
  let kind: String
  let createdAt: Date
  let lastSeenAt: Date
}

private struct SessionAccountRecord: Decodable {
  let kind: String
  let createdAt: Date
  let lastSeenAt: Date
  let id: UUID
  let coopID: UUID
  let name: String
  let email: String?
  let isAdministrator: Bool
  let prefersEasyRead: Bool

  var account: Account {
    Account(
      id: CareCore.ID(id), coopID: CareCore.ID(coopID), name: name, email: email, isAdministrator: isAdministrator,
      prefersEasyRead: prefersEasyRead)
  }
}

/// One fact about the one asking: `tag` says which ("member", "circle" or "hat") and so what `a`…`e` hold.
private struct RequesterFactRecord: Decodable {
  let tag: String
  let a: String?
  let b: String?
  let c: String?
  let d: String?
  let e: String?
}

private struct TeamHeadRecord: Decodable {
  let accountID: UUID
  let circleID: UUID
  let communicationNeeds: String?
  let accountName: String
  let accountEmail: String?
  let accountIsAdministrator: Bool
  let accountPrefersEasyRead: Bool
  let circleName: String
  let circleArea: String
  let maxWorkers: Int
  let maxTeams: Int
}

private struct TeamEntryRecord: Decodable {
  let id: UUID
  let accountID: UUID
  let relationship: String
  let isArranger: Bool
  let status: String
  let invitedAt: Date
  let respondedAt: Date?
  let accountCoopID: UUID
  let accountName: String
  let accountEmail: String?
  let accountIsAdministrator: Bool
  let accountPrefersEasyRead: Bool

  func entry(personID: ID<Person>) throws -> Team.Entry {
    Team.Entry(
      membership: TeamMembership(
        id: CareCore.ID(id), personID: personID, accountID: CareCore.ID(accountID),
        relationship: try StoreError.known(
          Relationship(rawValue: relationship), "team_memberships.relationship", relationship),
        isArranger: isArranger,
        status: try StoreError.known(TeamMembershipStatus(rawValue: status), "team_memberships.status", status),
        invitedAt: invitedAt, respondedAt: respondedAt),
      account: Account(
        id: CareCore.ID(accountID), coopID: CareCore.ID(accountCoopID), name: accountName, email: accountEmail,
        isAdministrator: accountIsAdministrator, prefersEasyRead: accountPrefersEasyRead))
  }
}
