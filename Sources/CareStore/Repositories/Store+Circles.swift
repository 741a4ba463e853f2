import CareCore
import FluentKit
import Foundation

/// A circle as its page shows it.
public struct CircleDetail: Sendable {
  /// With the size guide its own decisions set, once the use case has read them.
  public var circle: Circle
  public let workers: [Account]
  public let people: [(Person, Account)]
  public let hats: [HatWithHolders]

  /// Plain-words advice when the circle has outgrown its size guide.
  public var sizeAdvice: String? {
    circle.sizeGuide.advice(workers: workers.count, teams: people.count)
  }
}

extension Store {
  /// Starts a circle with its own rota keeper and safeguarding lead hats.
  func createCircle(_ input: NewCircle, coop: ID<Coop>, by actor: ID<Account>, env: Effects)
    async throws -> Circle
  {
    let input = try input.validated()
    let circle = Circle(
      id: ID(env.newID()), coopID: coop, name: input.name, area: input.area,
      sizeGuide: input.sizeGuide)
    try await write { db in
      try await CircleRow(circle).create(on: db)
      // The circle's hats in one statement.
      try await HatKind.allCases.filter(\.isCircleHat)
        .map { HatRow(Self.defaultHat($0, coop: coop, circle: circle.id, env: env)) }.create(on: db)
      try await Self.append(.createCircle, coop: coop, actor: actor, detail: circle.name, env: env, on: db)
    }
    return circle
  }

  public func circles(coop: ID<Coop>) async throws -> [Circle] {
    try await CircleRow.query(on: db).filter(\.$coopID == coop.rawValue).sort(\.$name).all()
      .map(\.value)
  }

  func circleDetail(_ id: ID<Circle>, coop: ID<Coop>) async throws -> CircleDetail? {
    guard let row = try await CircleRow.find(id.rawValue, on: db), row.coopID == coop.rawValue
    else { return nil }
    let memberships = try await CircleMembershipRow.query(on: db)
      .filter(\.$circleID == id.rawValue).filter(\.$leftAt == nil).all()
    let workers = try await AccountRow.query(on: db)
      .filter(\.$id ~~ memberships.map(\.accountID)).sort(\.$name).all().map(\.value)
    let people = try await people(coop: coop).filter { $0.0.circleID == id }
    let hats = try await hats(coop: coop).filter { $0.hat.circleID == id }
    return CircleDetail(circle: row.value, workers: workers, people: people, hats: hats)
  }

  /// A worker joins a circle; joining twice is harmless, even at the same moment (the unique index on
  /// open memberships refuses the second, and that refusal means "already joined").
  func joinCircle(_ id: ID<Circle>, account: ID<Account>, coop: ID<Coop>, env: Effects)
    async throws
  {
    do {
      try await joinCircleOnce(id, account: account, coop: coop, env: env)
    } catch StoreError.constraint {
      return
    }
  }

  private func joinCircleOnce(_ id: ID<Circle>, account: ID<Account>, coop: ID<Coop>, env: Effects)
    async throws
  {
    try await write { db in
      guard let circle = try await CircleRow.find(id.rawValue, on: db), circle.coopID == coop.rawValue
      else { throw CareError.notFound }
      let open = try await CircleMembershipRow.query(on: db).filter(\.$circleID == id.rawValue)
        .filter(\.$accountID == account.rawValue).filter(\.$leftAt == nil).first()
      guard open == nil else { return }
      try await CircleMembershipRow(
        id: env.newID(), circleID: id.rawValue, accountID: account.rawValue, joinedAt: env.now()
      ).create(on: db)
      try await Self.append(.joinCircle, coop: coop, actor: account, detail: circle.name, env: env, on: db)
    }
  }

  /// A worker leaves; the membership is closed, not deleted, so the history stays.
  func leaveCircle(_ id: ID<Circle>, account: ID<Account>, coop: ID<Coop>, env: Effects)
    async throws
  {
    try await write { db in
      guard let circle = try await CircleRow.find(id.rawValue, on: db), circle.coopID == coop.rawValue,
        let open = try await CircleMembershipRow.query(on: db).filter(\.$circleID == id.rawValue)
          .filter(\.$accountID == account.rawValue).filter(\.$leftAt == nil).first()
      else { throw CareError.notFound }
      open.leftAt = env.now()
      try await open.save(on: db)
      try await Self.append(.leaveCircle, coop: coop, actor: account, detail: circle.name, env: env, on: db)
    }
  }
}

extension Store {
  /// Splits a circle: makes the new one (with its own vacant hats), moves the chosen teams to it and the
  /// chosen workers' memberships, in one transaction. Teams and workers must be in the old circle now.
  func splitCircle(
    _ id: ID<Circle>, _ split: CircleSplit.Valid, coop: ID<Coop>, by actor: ID<Account>, env: Effects
  ) async throws -> Circle {
    let circle = Circle(
      id: ID(env.newID()), coopID: coop, name: split.circle.name, area: split.circle.area,
      sizeGuide: split.circle.sizeGuide)
    return try await writeChecked { db in
      guard let old = try await CircleRow.find(id.rawValue, on: db), old.coopID == coop.rawValue else {
        throw CareError.notFound
      }
      let people = try await PersonRow.query(on: db).filter(\.$id ~~ split.people.map(\.rawValue)).all()
      guard people.count == split.people.count, people.allSatisfy({ $0.circleID == id.rawValue }) else {
        throw CareError.conflict(FieldError("people", "Select teams that are in \(old.name) now"))
      }
      let memberships = try await CircleMembershipRow.query(on: db).filter(\.$circleID == id.rawValue)
        .filter(\.$accountID ~~ split.workers.map(\.rawValue)).filter(\.$leftAt == nil).all()
      guard memberships.count == split.workers.count else {
        throw CareError.conflict(FieldError("workers", "Select workers who are in \(old.name) now"))
      }
      let now = env.now()
      try await CircleRow(circle).create(on: db)
      try await HatKind.allCases.filter(\.isCircleHat)
        .map { HatRow(Self.defaultHat($0, coop: coop, circle: circle.id, env: env)) }.create(on: db)
      try await Self.append(.createCircle, coop: coop, actor: actor, detail: circle.name, env: env, on: db)
      for person in people {
        person.circleID = circle.id.rawValue
        try await person.update(on: db)
        try await Self.append(
          .changePersonDetails, coop: coop, actor: actor, person: ID(person.id!),
          detail: "circle: \(old.name) → \(circle.name) (the circle was split)", env: env, on: db)
      }
      for membership in memberships {
        membership.leftAt = now
        try await membership.update(on: db)
        try await CircleMembershipRow(
          id: env.newID(), circleID: circle.id.rawValue, accountID: membership.accountID, joinedAt: now
        ).create(on: db)
      }
      try await Self.append(
        .splitCircle, coop: coop, actor: actor,
        detail: "\(old.name) → \(circle.name): \(people.count) teams, \(memberships.count) workers", env: env, on: db)
      return circle
    }
  }
}

extension Store {
  /// Adds a circle, as a permit to manage the co-op's circles allows.
  public func createCircle(_ input: NewCircle, permit: Permit, env: Effects) async throws -> Circle {
    try Self.check(permit, .manageCircles)
    return try await createCircle(input, coop: permit.coopID, by: permit.requester.account.id, env: env)
  }

  /// The permit's own worker joins a circle.
  public func joinCircle(_ id: ID<Circle>, permit: Permit, env: Effects) async throws {
    try Self.check(permit, .joinOrLeaveCircle)
    try await joinCircle(id, account: permit.requester.account.id, coop: permit.coopID, env: env)
  }

  /// The permit's own worker leaves a circle.
  public func leaveCircle(_ id: ID<Circle>, permit: Permit, env: Effects) async throws {
    try Self.check(permit, .joinOrLeaveCircle)
    try await leaveCircle(id, account: permit.requester.account.id, coop: permit.coopID, env: env)
  }

  /// Splits a circle, as a permit to manage the co-op's circles allows.
  public func splitCircle(_ id: ID<Circle>, _ split: CircleSplit.Valid, permit: Permit, env: Effects) async throws
    -> Circle
  {
    try Self.check(permit, .manageCircles)
    return try await splitCircle(id, split, coop: permit.coopID, by: permit.requester.account.id, env: env)
  }

  /// A circle with its teams and workers, for whoever may see the co-op's circles.
  public func circleDetail(_ id: ID<Circle>, permit: Permit) async throws -> CircleDetail? {
    try Self.check(permit, anyOf: [.viewCircle, .manageCircles])
    return try await circleDetail(id, coop: permit.coopID)
  }
}
