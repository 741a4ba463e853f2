import CareCore
import CareLedger
import CareStore
import Foundation

/// The home page's model: the viewer's own team, invitations and teams, circles and hats.
public struct HomeModel: Sendable {
  public let account: Account
  public let teams: [TeamSummary]
  public let circles: [Circle]
  public let hats: [Hat]
  public let offers: Offers
  /// The next published visits to the signed-in person (from today, at most three).
  public let comingToYou: [PersonWeekModel.Visit]
  /// The signed-in person's visits of the last week (today included) they have not said yes or no to.
  public var toConfirm: [PersonWeekModel.Visit] = []
  /// The signed-in worker's next published visits (from today, at most three).
  public let yourNextVisits: [MyWeekModel.Stop]
  /// Whether they work in a circle (then "my week" is offered even when it is empty).
  public let isWorker: Bool
  public let messages: [Message]
  /// The co-op's day today (Europe/London).
  public let today: Day
  /// The person's hours under each agreement (left to use this period, banked), as the ledger stands.
  public var yourHours: [(funder: String, available: Int, banked: Int)] = []
  /// For the registered manager: safeguarding overrides waiting for a second hat holder's review.
  public var overridesToReview: [(grant: AccessGrant, person: String, overdue: Bool)] = []
  /// The next members' meeting not yet over, for everyone in the co-op.
  public var nextMeeting: Meeting? = nil
  /// Polls open now that the reader may answer and has not, soonest closing first.
  public var waitingForYou: [Proposal] = []
  /// The person's own plan at a glance (nil: not the person, or nothing they may read).
  public var yourPlan: PlanAtAGlance? = nil
  /// How many of the reader's messages are new (not read on the messages page yet).
  public var newMessages = 0
}

extension Cases {
  public func home(for requester: Requester) async throws -> HomeModel {
    let account = requester.account
    let today = today
    let circles = try await store.circles(coop: account.coopID).filter { requester.circleIDs.contains($0.id) }
    let hats = try await store.hats(coop: account.coopID)
      .filter { !$0.current(on: today).filter { $0.1.id == account.id }.isEmpty }.map(\.hat)
    let teams = try await store.teams(for: account.id)
    var coming: [PersonWeekModel.Visit] = []
    var toConfirm: [PersonWeekModel.Visit] = []
    var hours: [(funder: String, available: Int, banked: Int)] = []
    var plan: PlanAtAGlance? = nil
    if let own = teams.first(where: { $0.status == nil }),
      let facts = try await store.teamFacts(own.personID, coop: account.coopID)
    {
      let permit = try AccessPolicy.permit(requester, .viewTeam(facts))
      let visits = try await store.publishedVisits(
        permit: permit, person: own.personID, from: today, through: today.adding(days: 6)
      ).filter { $0.slot == 0 }.prefix(3)
      let names = try await store.accountNames(visits.flatMap { [$0.workerID] + [$0.partnerID].compactMap { $0 } })
      coming = visits.map { v in
        PersonWeekModel.Visit(
          visit: v, worker: names[v.workerID] ?? "a worker", partner: v.partnerID.map { names[$0] ?? "a worker" },
          isSomeoneNew: false, isBackup: false)
      }
      toConfirm = try await visitsToConfirm(own.personID, facts, seeing: permit, by: requester)
      hours = try await hoursAtAGlance(facts, by: requester)
      plan = try await planAtAGlance(facts, by: requester)
    }
    let mine = Array(
      try await myWeek(monday: CoopCalendar.london.weekStart(of: today), by: requester, from: today, days: 7)
        .stops.prefix(3))
    var model = HomeModel(
      account: account, teams: teams, circles: circles, hats: hats, offers: Offers(for: requester),
      comingToYou: coming, toConfirm: toConfirm, yourNextVisits: mine,
      isWorker: !requester.circleIDs.isEmpty || teams.contains { [.worker, .backupWorker].contains($0.relationship) },
      messages: Array(try await store.messages(for: account.id, limit: 5)), today: today)
    model.yourHours = hours
    model.yourPlan = plan
    model.newMessages = try await store.unreadMessageCount(for: account.id)
    model.overridesToReview = try await overridesToReview(by: requester)
    if let reading = try? AccessPolicy.permit(requester, .viewProposals(coop: requester.coopID)) {
      model.nextMeeting = try await store.nextMeeting(after: effects.now(), permit: reading)
    }
    model.waitingForYou = try await waitingForYourAnswer(by: requester)
    return model
  }

  /// The person's hours at a glance, read from the ledger as it stands (the co-op's hourly work keeps it
  /// settled; the hours page settles before it shows them): nothing is written on the way home.
  func hoursAtAGlance(_ facts: TeamFacts, by requester: Requester) async throws
    -> [(funder: String, available: Int, banked: Int)]
  {
    guard let permit = try? AccessPolicy.permit(requester, .viewHours(facts)) else { return [] }
    let agreements = try await store.fundingAgreements(permit: permit).filter { $0.covers(today) }
    guard !agreements.isEmpty else { return [] }
    let records = try await store.hoursRecords(permit: permit)
    return agreements.map { a in
      let book = HoursBook(records.filter { $0.agreementID == a.id }.map(\.entry))
      return (a.terms.funderName, book.balance(.available), book.balance(.banked))
    }
  }

  /// The person's visits of the last week that are over and that they have not said yes or no to (their
  /// say on the times; "two taps" from the home page).
  func visitsToConfirm(_ person: ID<Person>, _ facts: TeamFacts, seeing: Permit, by requester: Requester)
    async throws -> [PersonWeekModel.Visit]
  {
    guard let permit = try? AccessPolicy.permit(requester, .confirmVisitTimes(facts)) else { return [] }
    let now = CoopCalendar.london.minuteOfDay(of: effects.now())
    let visits = try await store.publishedVisits(
      permit: seeing, person: person, from: today.adding(days: -6), through: today
    ).filter { $0.slot == 0 && ($0.day < today || $0.end <= now) }
    let answered = Set(
      try await store.timesAnswers(permit: permit, keys: visits.map(\.key)).filter { $0.side == .person }
        .map(\.visitKey))
    let open = visits.filter { !answered.contains($0.key) }
    let names = try await store.accountNames(open.flatMap { [$0.workerID] + [$0.partnerID].compactMap { $0 } })
    return open.map { v in
      PersonWeekModel.Visit(
        visit: v, worker: names[v.workerID] ?? "a worker", partner: v.partnerID.map { names[$0] ?? "a worker" },
        isSomeoneNew: false, isBackup: false)
    }
  }

  /// Every co-op on the deployment, for its operator (the command line; never a page).
  public func coops() async throws -> [Coop] { try await store.coops() }

  /// For the health check: the database answers, and which engine it is.
  public func health() async throws -> String {
    _ = try await store.needsSetup()
    return store.location.engineName
  }
}
