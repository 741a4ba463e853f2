import CareCalendar
import CareCore
import CareStore
import Foundation

/// Private calendar feeds (iCalendar, RFC 5545): a worker's own visits, or a person's week for someone who
/// may see it. The address carries a secret token, shown once and kept only as its hash; stopping it (or
/// making a new one) ends the old address, and a feed of a person's week ends by itself when its owner may
/// no longer see that team.
extension Cases {
  /// Days a feed covers: the last two weeks (so a cancelled visit still shows as cancelled) and the next eight.
  static let feedDaysBack = 14
  static let feedDaysAhead = 56

  /// A new address for the worker's own calendar (the old one stops). Returns the secret token.
  public func startMyCalendar(by requester: Requester) async throws -> String {
    let token = Tokens.random()
    try await store.startFeed(
      tokenHash: Tokens.hash(token), account: requester.account.id, coop: requester.coopID, person: nil, env: effects)
    return token
  }

  public func stopMyCalendar(by requester: Requester) async throws {
    try await store.stopFeed(account: requester.account.id, person: nil, env: effects)
  }

  /// A new address for the person's week, for someone who may see it (the old one of theirs stops).
  public func startPersonCalendar(_ personID: ID<Person>, by requester: Requester) async throws -> String {
    let (team, _) = try await team(personID, for: requester, Action.viewTeam)
    let token = Tokens.random()
    try await store.startFeed(
      tokenHash: Tokens.hash(token), account: requester.account.id, coop: requester.coopID, person: team.person.id,
      env: effects)
    return token
  }

  public func stopPersonCalendar(_ personID: ID<Person>, by requester: Requester) async throws {
    let (team, _) = try await team(personID, for: requester, Action.viewTeam)
    try await store.stopFeed(account: requester.account.id, person: team.person.id, env: effects)
  }

  /// The calendar at a feed's address; "not found" for a token that is unknown or was stopped.
  public func calendar(token: String) async throws -> String {
    guard let feed = try await store.feed(tokenHash: Tokens.hash(token)),
      let owner = try await store.account(feed.account)
    else { throw CareError.notFound }
    let from = today.adding(days: -Self.feedDaysBack)
    let through = today.adding(days: Self.feedDaysAhead)
    var events: [CalendarEvent] = []
    let name: String
    if let personID = feed.person {
      let requester = try await requester(for: owner)
      guard let facts = try await store.teamFacts(personID, coop: owner.coopID) else { throw CareError.notFound }
      let permit = try AccessPolicy.permit(requester, .viewTeam(facts))
      let team = try await store.team(permit: permit)
      let history = try await store.publishedHistory(permit: permit, person: personID, from: from, through: through)
        .filter { $0.visit.slot == 0 }
      let names = try await store.accountNames(
        Array(Set(history.flatMap { [$0.visit.workerID] + [$0.visit.partnerID].compactMap { $0 } })))
      name = "Who is coming to \(team.personAccount.name)"
      events = try await Self.events(history, store: store) { visit in
        let who = names[visit.workerID] ?? "A worker"
        let summary = who + (visit.partnerID.map { " and " + (names[$0] ?? "another worker") } ?? "") + " visiting"
        return (summary, nil, "Usually from \(CoopCalendar.clockText(visit.usualStart)).")
      }
    } else {
      let history = try await store.publishedHistory(worker: owner.id, from: from, through: through)
      let places = try await store.visitPlaces(worker: owner.id, from: from, through: through)
      let partners = try await store.accountNames(Array(Set(history.compactMap(\.visit.partnerID))))
      name = "\(owner.name): my visits"
      events = try await Self.events(history, store: store) { visit in
        let place = places[visit.personID]
        let tasks = visit.tasks.sorted().map(\.label).joined(separator: ", ")
        let with = visit.partnerID.map { " With \(partners[$0] ?? "another worker")." } ?? ""
        return (
          "Visit to \(place?.name ?? "someone")", place.map { "\($0.home.address), \($0.home.postcode)" },
          "For: \(tasks).\(with)"
        )
      }
    }
    return ICalendar(name: name, events: events, stamp: effects.now()).text
  }

  /// Each visit's newest state as an event: SEQUENCE counts its changes across the published versions of
  /// its week; a visit in an earlier version but not the newest is sent as cancelled.
  static func events(
    _ history: [VisitInVersion], store: Store,
    describe: (RotaVisit) -> (summary: String, location: String?, description: String)
  ) async throws -> [CalendarEvent] {
    let weeks = Set(history.map { WeekKey(circle: $0.circleID, monday: $0.monday) })
    var versions: [WeekKey: [Int]] = [:]
    for week in weeks {
      versions[week] = try await store.publishedVersionNumbers(circle: week.circle, monday: week.monday)
    }
    var byKey: [String: [Int: RotaVisit]] = [:]
    var weekOf: [String: WeekKey] = [:]
    for entry in history {
      byKey[entry.visit.key, default: [:]][entry.version] = entry.visit
      weekOf[entry.visit.key] = WeekKey(circle: entry.circleID, monday: entry.monday)
    }
    var events: [CalendarEvent] = []
    for (key, seen) in byKey {
      guard let week = weekOf[key], let first = seen.keys.min() else { continue }
      var sequence = 0
      var last: RotaVisit? = seen[first]
      var lastSeen = seen[first]!
      for version in (versions[week] ?? []).sorted() where version > first {
        let now = seen[version]
        if now.map(Signature.init) != last.map(Signature.init) { sequence += 1 }
        last = now
        if let now { lastSeen = now }
      }
      let (summary, location, description) = describe(lastSeen)
      let day = lastSeen.day
      events.append(
        CalendarEvent(
          uid: "\(key)@carecoop", sequence: sequence,
          start: LocalTime(year: day.year, month: day.month, day: day.day, minute: lastSeen.start),
          end: LocalTime(year: day.year, month: day.month, day: day.day, minute: lastSeen.end),
          summary: last == nil ? "Cancelled: " + summary : summary, location: last == nil ? nil : location,
          description: description, cancelled: last == nil))
    }
    return events
  }

  struct WeekKey: Hashable {
    let circle: ID<Circle>
    let monday: Day
  }

  /// What a calendar shows of a visit: a change to any of it is a new SEQUENCE.
  struct Signature: Equatable {
    let start: Int
    let length: Int
    let worker: ID<Account>
    let partner: ID<Account>?
    init(_ v: RotaVisit) { (start, length, worker, partner) = (v.start, v.length, v.workerID, v.partnerID) }
  }
}
