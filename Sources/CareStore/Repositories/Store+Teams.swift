import CareCore
import FluentKit
import Foundation

/// What the "add a person" form and API ask for.
public struct NewPerson: Sendable, Codable {
  public var name: String
  public var email: String?
  public var circleID: String
  public var communicationNeeds: String?

  public init(name: String, email: String?, circleID: String, communicationNeeds: String?) {
    self.name = name
    self.email = email
    self.circleID = circleID
    self.communicationNeeds = communicationNeeds
  }
}

/// A team as listed on someone's home page, with how the viewer stands to it.
public struct TeamSummary: Sendable, Hashable {
  public let personID: ID<Person>
  public let personName: String
  public let status: TeamMembershipStatus?
  public let relationship: Relationship?
}

extension Store {
  /// Adds a person and starts their team, as the permit (to add people in this co-op) allows.
  /// Returns the new team (just the person): whoever may add a person sees the team they started.
  public func createPerson(_ input: NewPerson, permit: Permit, env: Effects) async throws -> Team {
    guard case .createPerson(let coop) = permit.action, coop == permit.coopID else { throw CareError.forbidden }
    let person = try await createPerson(input, coop: coop, by: permit.requester.account.id, env: env)
    guard let team = try await cachedTeam(person.id, coop: coop) else { throw CareError.notFound }
    return team
  }

  func createPerson(_ input: NewPerson, coop: ID<Coop>, by actor: ID<Account>, env: Effects)
    async throws -> Person
  {
    var v = Validator()
    let name = v.text(input.name, field: "name", label: "their name")
    let email = v.email(input.email, required: false)
    let needs = v.text(
      input.communicationNeeds, field: "communicationNeeds", label: "communication needs",
      required: false, max: 500, multiline: true)
    let circleID = ID<Circle>(string: input.circleID)
    let circle = try await circleID.asyncFlatMap { try await CircleRow.find($0.rawValue, on: db) }
    if circleID == nil { v.add("circleID", "Select a circle") }
    try v.check()
    guard let circle, circle.coopID == coop.rawValue else {
      throw CareError.unknownReference(FieldError("circleID", "Select a circle"))
    }
    let account = Account(
      id: ID(env.newID()), coopID: coop, name: name, email: email.isEmpty ? nil : email,
      isAdministrator: false)
    let person = Person(
      id: ID(env.newID()), coopID: coop, accountID: account.id, circleID: ID(circle.id!),
      communicationNeeds: needs.isEmpty ? nil : needs)
    let now = env.now()
    try await writeChecked { db in
      try await Self.insertAccount(account, passwordHash: nil, at: now, on: db)
      try await PersonRow(person).create(on: db)
      try await Self.append(
        .createPerson, coop: coop, actor: actor, person: person.id, detail: name, env: env, on: db)
    }
    return person
  }

  /// What the policy needs to decide about one person's team (ids only: no names, no needs), or nil when no
  /// such person is in this co-op. The team itself is read with the permit the policy gives on these facts.
  public func teamFacts(_ personID: ID<Person>, coop: ID<Coop>) async throws -> TeamFacts? {
    try await cachedTeam(personID, coop: coop).map(TeamFacts.init)
  }

  /// The team of the person a permit is for (any action on their team the policy allowed): its members,
  /// invitations and communication needs are read only this way, or through `viewTeam`.
  public func team(permit: Permit) async throws -> Team {
    guard let personID = permit.personID, let team = try await cachedTeam(personID, coop: permit.coopID) else {
      throw CareError.forbidden
    }
    return team
  }

  /// One person's team without asking the policy: the store's own work and tests only.
  func team(_ personID: ID<Person>, coop: ID<Coop>) async throws -> Team? {
    try await cachedTeam(personID, coop: coop)
  }

  /// What the policy needs about several people's teams, in one query (a circle's page asks it for every
  /// person in the circle): who is in each team, who is invited, who arranges.
  public func teamFacts(for people: [Person]) async throws -> [ID<Person>: TeamFacts] {
    guard !people.isEmpty else { return [:] }
    let open = [TeamMembershipStatus.active.rawValue, TeamMembershipStatus.invited.rawValue]
    let memberships = try await TeamMembershipRow.query(on: db)
      .filter(\.$personID ~~ people.map(\.id.rawValue)).filter(\.$status ~~ open).all()
    let byPerson = Dictionary(grouping: memberships, by: \.personID)
    var facts: [ID<Person>: TeamFacts] = [:]
    for person in people {
      let rows = byPerson[person.id.rawValue] ?? []
      var active: [ID<Account>: Bool] = [:]
      for row in rows where row.status == TeamMembershipStatus.active.rawValue {
        active[ID(row.accountID)] = row.isArranger
      }
      facts[person.id] = TeamFacts(
        coopID: person.coopID, personID: person.id, personAccountID: person.accountID, circleID: person.circleID,
        activeMembers: active,
        invitedMembers: Set(
          rows.filter { $0.status == TeamMembershipStatus.invited.rawValue }.map { ID<Account>($0.accountID) }))
    }
    return facts
  }

  /// Teams the account owns or belongs to (or is invited into), for their home page.
  public func teams(for account: ID<Account>) async throws -> [TeamSummary] {
    var result: [TeamSummary] = []
    if let own = try await PersonRow.query(on: db).filter(\.$accountID == account.rawValue).first(),
      let me = try await AccountRow.find(account.rawValue, on: db)
    {
      result.append(TeamSummary(personID: ID(own.id!), personName: me.name, status: nil, relationship: nil))
    }
    let memberships = try await TeamMembershipRow.query(on: db)
      .filter(\.$accountID == account.rawValue)
      .filter(\.$status ~~ [TeamMembershipStatus.active.rawValue, TeamMembershipStatus.invited.rawValue])
      .all()
    for m in memberships {
      guard let person = try await PersonRow.find(m.personID, on: db),
        let owner = try await AccountRow.find(person.accountID, on: db)
      else { continue }
      let membership = try m.value
      result.append(
        TeamSummary(
          personID: ID(m.personID), personName: owner.name, status: membership.status,
          relationship: membership.relationship))
    }
    return result
  }

  /// Every person supported in the co-op with their circle, for listings filtered by the policy.
  public func people(coop: ID<Coop>) async throws -> [(Person, Account)] {
    let rows = try await PersonRow.query(on: db).filter(\.$coopID == coop.rawValue).all()
    let accounts = try await AccountRow.query(on: db).filter(\.$id ~~ rows.map(\.accountID)).all()
    let byID = Dictionary(uniqueKeysWithValues: accounts.map { ($0.id!, $0.value) })
    return rows.compactMap { r in byID[r.accountID].map { (r.value, $0) } }
      .sorted { $0.1.name < $1.1.name }
  }
}

extension Optional {
  func asyncFlatMap<U>(_ transform: (Wrapped) async throws -> U?) async rethrows -> U? {
    guard let value = self else { return nil }
    return try await transform(value)
  }
}

extension Store {
  /// A person's team for someone allowed to see it, and the who-looked row of that look, in one call: no
  /// code path can show a team without asking the policy or without its row. The row is durable before the
  /// team is returned, committed together with other views arriving at the same moment (`ViewLog`).
  /// Anyone the policy does not let see it gets `notFound` (or `forbidden`), and nothing is written.
  public func viewTeam(_ personID: ID<Person>, by requester: Requester, env: Effects) async throws -> Team {
    guard let team = try await cachedTeam(personID, coop: requester.coopID) else {
      throw CareError.notFound
    }
    _ = try AccessPolicy.decide(requester, .viewTeam(TeamFacts(team))).require()
    try await viewLog.append(
      AuditEvent(
        id: ID(env.newID()), coopID: requester.coopID, at: env.now(), actorID: requester.account.id, onBehalfOf: nil,
        personID: team.person.id, action: .viewTeam, detail: ""))
    return team
  }
}

extension Store {
  /// Moves the person's team to another circle of the co-op and/or changes their communication needs, with
  /// one audit line saying what changed (and on whose behalf). Returns the team as it is now.
  public func changePersonDetails(_ input: PersonDetails, permit: Permit, env: Effects) async throws -> Team {
    guard let personID = permit.personID, permit.covers(.changePersonDetails) else { throw CareError.forbidden }
    return try await changePersonDetails(
      personID, input, coop: permit.coopID, by: permit.requester.account.id, onBehalfOf: permit.onBehalfOf, env: env)
  }

  func changePersonDetails(
    _ personID: ID<Person>, _ input: PersonDetails, coop: ID<Coop>, by actor: ID<Account>,
    onBehalfOf: ID<Person>?, env: Effects
  ) async throws -> Team {
    var v = Validator()
    let needs = v.text(
      input.communicationNeeds, field: "communicationNeeds", label: "communication needs", required: false, max: 500,
      multiline: true)
    let circleID = ID<Circle>(string: input.circleID)
    if circleID == nil { v.add("circleID", "Select a circle") }
    try v.check()
    return try await writeChecked { db in
      guard let row = try await PersonRow.find(personID.rawValue, on: db), row.coopID == coop.rawValue else {
        throw CareError.notFound
      }
      guard let circleID, let circle = try await CircleRow.find(circleID.rawValue, on: db),
        circle.coopID == coop.rawValue
      else { throw CareError.unknownReference(FieldError("circleID", "Select a circle")) }
      var changes: [String] = []
      if row.circleID != circle.id! {
        let old = try await CircleRow.find(row.circleID, on: db)?.name ?? "another circle"
        changes.append("circle: \(old) → \(circle.name)")
        row.circleID = circle.id!
      }
      let newNeeds: String? = needs.isEmpty ? nil : needs
      if row.communicationNeeds != newNeeds {
        changes.append("communication needs changed")
        row.communicationNeeds = newNeeds
      }
      if !changes.isEmpty {
        try await row.update(on: db)
        try await Self.append(
          .changePersonDetails, coop: coop, actor: actor, onBehalfOf: onBehalfOf, person: personID,
          detail: changes.joined(separator: "; "), env: env, on: db)
      }
      guard let team = try await Self.team(personID, coop: coop, on: db) else { throw CareError.notFound }
      return team
    }
  }
}
