import CareCore
import CareStore
import Foundation

/// "Who's coming when" for a person and their team: the published visits of a week, each with the
/// worker's name, and whether it differs from usual (a worker they did not choose, or later than they
/// accepted). No addresses and no tasks here: those are for the worker on the visit.
public struct PersonWeekModel: Sendable {
  public struct Visit: Sendable, Hashable {
    public let visit: RotaVisit
    public let worker: String
    public let partner: String?
    /// A worker who is neither chosen nor the named backup.
    public let isSomeoneNew: Bool
    public let isBackup: Bool
    /// The worker cannot come and the co-op is finding someone else.
    public var findingCover = false
  }

  public let team: Team
  public let monday: Day
  public let visits: [Visit]
  /// Whether anything is published for this week.
  public let isPublished: Bool
  /// Whether the viewer has a live calendar feed of this person's week.
  public var hasCalendar = false
  /// Whether the viewer may read what happened at the visits (their records).
  public var mayReadRecords = false

  /// The week's days, Monday first, each with its visits (empty days kept: "nobody comes").
  public var days: [(day: Day, visits: [Visit])] {
    (0..<7).map { n in
      let day = monday.adding(days: n)
      return (day, visits.filter { $0.visit.day == day })
    }
  }
}

/// A worker's own week: each visit with where it is, what it is for, who else is there, and the travel
/// from the visit before.
public struct MyWeekModel: Sendable {
  public struct Stop: Sendable, Hashable {
    public let visit: RotaVisit
    public let person: String
    public let address: String
    public let postcode: String
    public let partner: String?
    /// Minutes from the visit before on the same day, at the worker's way of travelling (nil for the
    /// first of the day).
    public let travelBefore: Int?
    /// They said they cannot make it; cover is being found (it stays theirs until someone takes it).
    public var coverAsked = false
    /// Taken as cover from outside the person's team: the address and tasks show until the day is over.
    public var isOutsideCover = false
  }

  public let account: Account
  public let monday: Day
  public let stops: [Stop]
  public let travelMode: TravelMode?
  /// Whether the worker has a live calendar feed of their visits.
  public var hasCalendar = false

  public var days: [(day: Day, stops: [Stop])] {
    (0..<7).map { n in
      let day = monday.adding(days: n)
      return (day, stops.filter { $0.visit.day == day })
    }
  }
}

extension Cases {
  /// The person's published week, for them and their team (as the policy lets them see the team; the
  /// look is logged as a look at the team).
  public func personWeek(_ personID: ID<Person>, monday: Day, by requester: Requester) async throws
    -> PersonWeekModel
  {
    try Self.checkMonday(monday)
    let team = try await store.viewTeam(personID, by: requester, env: effects)
    let permit = try AccessPolicy.permit(requester, .viewTeam(TeamFacts(team)))
    let end = monday.adding(days: 6)
    let visits = try await store.publishedVisits(permit: permit, person: personID, from: monday, through: end)
    let pattern = try await store.agreedPattern(permit: permit, person: personID, on: monday)?.pattern
    let chosen = Set(pattern?.chosen ?? [])
    let backup = pattern?.backup
    var names: [ID<Account>: String] = [:]
    for entry in team.entries { names[entry.account.id] = entry.account.name }
    let unknown = Set(visits.flatMap { [$0.workerID] + [$0.partnerID].compactMap { $0 } }).filter { names[$0] == nil }
    names.merge(try await store.accountNames(Array(unknown))) { a, _ in a }
    let published = try await store.publishedWeek(circle: team.person.circleID, monday: monday) != nil
    let cover = Set(try await store.openCover(permit: permit, person: personID, from: monday, through: end).map(\.key))
    var model = PersonWeekModel(
      team: team, monday: monday,
      visits: visits.filter { $0.slot == 0 }.map { v in
        var visit = PersonWeekModel.Visit(
          visit: v, worker: names[v.workerID] ?? "a worker", partner: v.partnerID.map { names[$0] ?? "a worker" },
          isSomeoneNew: !chosen.contains(v.workerID) && v.workerID != backup, isBackup: v.workerID == backup)
        visit.findingCover = cover.contains(v.key)
        return visit
      },
      isPublished: !visits.isEmpty || published)
    model.hasCalendar = try await store.hasFeed(account: requester.account.id, person: personID)
    model.mayReadRecords = allows(requester, .viewRecords(TeamFacts(team)))
    return model
  }

  /// The signed-in worker's own published week.
  public func myWeek(monday: Day, by requester: Requester) async throws -> MyWeekModel {
    try Self.checkMonday(monday)
    var model = try await myWeek(monday: monday, by: requester, from: monday, days: 7)
    model.hasCalendar = try await store.hasFeed(account: requester.account.id, person: nil)
    return model
  }

  /// The worker's published visits for `days` days from `from` (the home page's "next visits" start today).
  func myWeek(monday: Day, by requester: Requester, from: Day, days: Int) async throws -> MyWeekModel {
    let me = requester.account.id
    let end = from.adding(days: days - 1)
    let visits = try await store.publishedVisits(worker: me, from: from, through: end)
    guard !visits.isEmpty else {
      return MyWeekModel(account: requester.account, monday: monday, stops: [], travelMode: nil)
    }
    let places = try await store.visitPlaces(worker: me, from: from, through: end)
    let partners = try await store.accountNames(visits.compactMap(\.partnerID))
    let zone = try await store.consentZone(account: me)
    let travel = StraightLineTravel()
    let asked = Set(try await store.coverAsked(worker: me, from: from).filter { $0.state == .open }.map(\.key))
    let outside = try await store.coveredFromOutside(worker: me, from: from, through: end)
    let outsideKeys = Set(outside.map(\.key))
    let today = today
    var stops: [MyWeekModel.Stop] = []
    var shown: [CoverRequest] = []
    var before: RotaVisit?
    for v in visits {
      // Cover from outside the team: the person's details only for that visit, and only until its day ends.
      let isOutside = outsideKeys.contains(v.key)
      let place = isOutside && v.day < today ? nil : places[v.personID]
      if isOutside, place != nil, let request = outside.first(where: { $0.key == v.key }) { shown.append(request) }
      var minutes: Int?
      if let before, before.day == v.day, let from = places[before.personID], let to = place {
        minutes = travel.minutes(from: from.home.position, to: to.home.position, by: zone?.travelMode ?? .walk)
      }
      var stop = MyWeekModel.Stop(
        visit: v, person: places[v.personID]?.name ?? "", address: place?.home.address ?? "",
        postcode: place?.home.postcode ?? "", partner: v.partnerID.map { partners[$0] ?? "another worker" },
        travelBefore: minutes)
      stop.coverAsked = asked.contains(v.key)
      stop.isOutsideCover = isOutside
      stops.append(stop)
      before = v
    }
    try await store.recordCoverLooks(shown, by: requester, env: effects)
    return MyWeekModel(account: requester.account, monday: monday, stops: stops, travelMode: zone?.travelMode)
  }
}
