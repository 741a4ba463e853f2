import CareCore
import FluentKit
import Foundation

extension Store {
  /// The register of members, oldest first, as the rules of a registered society require.
  func memberRegister(coop: ID<Coop>) async throws -> [(Member, Account)] {
    let rows = try await MemberRow.query(on: db).filter(\.$coopID == coop.rawValue).all()
    let accounts = try await AccountRow.query(on: db).filter(\.$id ~~ rows.map(\.accountID)).all()
    let byID = Dictionary(uniqueKeysWithValues: accounts.map { ($0.id!, $0.value) })
    return try rows.compactMap { r in try byID[r.accountID].map { (try r.value, $0) } }
      .sorted { ($0.0.joinedOn, $0.1.name) < ($1.0.joinedOn, $1.1.name) }
  }

  /// Adds a member. A known email in the co-op gives that account a membership; otherwise a new
  /// account is made. One account holds at most one membership: one member, one vote.
  func addMember(_ input: NewMember, coop: ID<Coop>, by actor: ID<Account>, env: Effects)
    async throws -> Member
  {
    let valid = try input.validated()
    let now = env.now()
    return try await writeChecked { db in
      var accountID: ID<Account>
      if let email = valid.email,
        let existing = try await AccountRow.query(on: db).filter(\.$coopID == coop.rawValue)
          .filter(\.$email == email).first()
      {
        accountID = ID(existing.id!)
        if try await MemberRow.query(on: db).filter(\.$accountID == existing.id!).first() != nil {
          throw CareError.conflict(FieldError("email", "\(existing.name) is already a member"))
        }
      } else {
        let account = Account(
          id: ID(env.newID()), coopID: coop, name: valid.name, email: valid.email,
          isAdministrator: false)
        try await Self.insertAccount(account, passwordHash: nil, at: now, on: db)
        accountID = account.id
      }
      let member = Member(
        id: ID(env.newID()), coopID: coop, accountID: accountID, memberClass: valid.memberClass,
        joinedOn: valid.joinedOn, sharePence: valid.sharePence, leftOn: nil)
      try await MemberRow(member).create(on: db)
      try await Self.append(
        .addMember, coop: coop, actor: actor, detail: "\(valid.name), \(valid.memberClass.label)",
        env: env, on: db)
      return member
    }
  }
}

extension Store {
  /// Gives an existing account of the co-op (for example a person supported who has no email) a
  /// membership. One account, one membership: a second is refused, by the database too.
  @discardableResult
  func addMembership(_ input: NewMembership, coop: ID<Coop>, by actor: ID<Account>, env: Effects)
    async throws -> Member
  {
    let valid = try input.validated()
    do {
      return try await writeChecked { db in
        guard let row = try await AccountRow.find(valid.accountID.rawValue, on: db), row.coopID == coop.rawValue else {
          throw CareError.unknownReference(FieldError("accountID", "Select who is joining"))
        }
        if try await MemberRow.query(on: db).filter(\.$accountID == row.id!).first() != nil {
          throw CareError.conflict(FieldError("accountID", "\(row.name) is already a member"))
        }
        let member = Member(
          id: ID(env.newID()), coopID: coop, accountID: valid.accountID, memberClass: valid.memberClass,
          joinedOn: valid.joinedOn, sharePence: valid.sharePence, leftOn: nil)
        try await MemberRow(member).create(on: db)
        try await Self.append(
          .addMember, coop: coop, actor: actor, detail: "\(row.name), \(valid.memberClass.label)", env: env, on: db)
        return member
      }
    } catch CareError.conflict(let clash) where clash.field == "email" {
      // Two at once for one account: the unique index refused the second.
      throw CareError.conflict(FieldError("accountID", clash.message))
    }
  }
}

extension Store {
  /// One member's line of the register, with their account.
  func member(_ id: ID<Member>, coop: ID<Coop>) async throws -> (Member, Account)? {
    guard let row = try await MemberRow.find(id.rawValue, on: db), row.coopID == coop.rawValue,
      let account = try await AccountRow.find(row.accountID, on: db)
    else { return nil }
    return (try row.value, account.value)
  }

  /// Changes a member's class, share or leaving day. The line is read and changed in one transaction; the
  /// audit line says what it was and what it became.
  func changeMember(
    _ id: ID<Member>, _ change: MemberChange, coop: ID<Coop>, by actor: ID<Account>, env: Effects
  ) async throws -> Member {
    try await writeChecked { db in
      guard let row = try await MemberRow.find(id.rawValue, on: db), row.coopID == coop.rawValue,
        let account = try await AccountRow.find(row.accountID, on: db)
      else { throw CareError.notFound }
      let before = try row.value
      let valid = try change.validated(joinedOn: before.joinedOn)
      var after = before
      after.memberClass = valid.memberClass
      after.sharePence = valid.sharePence
      after.leftOn = valid.leftOn
      guard after != before else { return before }
      row.memberClass = after.memberClass.rawValue
      row.sharePence = after.sharePence
      row.leftOn = after.leftOn?.iso
      try await row.update(on: db)
      var changed: [String] = []
      if before.memberClass != after.memberClass {
        changed.append("class \(before.memberClass.label) → \(after.memberClass.label)")
      }
      if before.sharePence != after.sharePence {
        changed.append("share \(Pence(before.sharePence).formatted) → \(Pence(after.sharePence).formatted)")
      }
      if before.leftOn != after.leftOn {
        changed.append(after.leftOn.map { "left on \($0.longText)" } ?? "a member again")
      }
      try await Self.append(
        .changeMember, coop: coop, actor: actor, detail: "\(account.name): " + changed.joined(separator: "; "),
        env: env, on: db)
      return after
    }
  }
}

extension Store {
  /// The register, for those the policy lets see (or keep) it.
  public func memberRegister(permit: Permit) async throws -> [(Member, Account)] {
    try Self.check(permit, anyOf: [.viewMemberRegister, .changeMemberRegister])
    return try await memberRegister(coop: permit.coopID)
  }

  /// One member's line, for those who keep the register.
  public func member(_ id: ID<Member>, permit: Permit) async throws -> (Member, Account)? {
    try Self.check(permit, anyOf: [.viewMemberRegister, .changeMemberRegister])
    return try await member(id, coop: permit.coopID)
  }

  public func addMember(_ input: NewMember, permit: Permit, env: Effects) async throws -> Member {
    try Self.check(permit, .changeMemberRegister)
    return try await addMember(input, coop: permit.coopID, by: permit.requester.account.id, env: env)
  }

  public func addMembership(_ input: NewMembership, permit: Permit, env: Effects) async throws -> Member {
    try Self.check(permit, .changeMemberRegister)
    return try await addMembership(input, coop: permit.coopID, by: permit.requester.account.id, env: env)
  }

  public func changeMember(_ id: ID<Member>, _ change: MemberChange, permit: Permit, env: Effects) async throws
    -> Member
  {
    try Self.check(permit, .changeMemberRegister)
    return try await changeMember(id, change, coop: permit.coopID, by: permit.requester.account.id, env: env)
  }
}
