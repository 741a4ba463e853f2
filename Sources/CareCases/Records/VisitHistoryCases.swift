import CareCore
import CareStore
import Foundation

/// A person's visits between two days, as they happened: who came, when they arrived and left, the tasks,
/// and whether the times are confirmed — for the person in plain words or Easy Read, and on paper.
public struct VisitHistoryModel: Sendable {
  public struct Item: Sendable {
    public let visit: RotaVisit
    public let workers: [String]
    public let record: VisitRecord
    /// The tasks as the reader may see them (family do not see personal care unless the person allows).
    public let tasks: [(task: VisitTask, done: Bool, why: String)]
    public let times: VisitTimes
    /// Whether anything was written at all (a visit with no record is worth noticing).
    public var isRecorded: Bool { !record.lines.isEmpty }
  }

  public let team: Team
  public let from: Day
  public let through: Day
  public let items: [Item]
  public let isOwner: Bool

  public var personName: String { team.personAccount.name }
}

extension Cases {
  /// The longest stretch one history shows.
  public static let longestHistory = 92

  /// The person's visits from `from` through `through` (the last four weeks when nil), each with its record
  /// and times, as much as the reader may see; the look is in the person's who-looked log.
  public func visitHistory(_ personID: ID<Person>, from: Day?, through: Day?, by requester: Requester)
    async throws -> VisitHistoryModel
  {
    let (team, permit) = try await team(personID, for: requester) { .viewRecords($0) }
    let last = through ?? today
    let first = from ?? last.adding(days: -27)
    var problems: [FieldError] = []
    if first > last { problems.append(FieldError("from", "The first day must be on or before the last")) }
    if first.adding(days: Self.longestHistory - 1) < last {
      problems.append(FieldError("through", "Show at most \(Self.longestHistory) days at a time"))
    }
    guard problems.isEmpty else { throw CareError.invalid(problems) }
    let visits = try await store.publishedVisits(permit: permit, person: personID, from: first, through: last)
      .sorted { ($0.day, $0.start, $0.slot) < ($1.day, $1.start, $1.slot) }
    let entries = try await store.records(permit: permit, from: first, through: last, env: effects)
    let answers = try await store.timesAnswers(permit: permit, keys: visits.map(\.key))
    let settings = try await store.recordSettings(permit: permit)
    let view = RecordView.of(requester, in: team, today: today, settings: settings)
    let workerIDs = Set(visits.flatMap { [$0.workerID] + [$0.partnerID].compactMap { $0 } })
    let names = try await store.accountNames(Array(workerIDs))
    let me = requester.account.id
    let items = visits.map { visit -> VisitHistoryModel.Item in
      let record = VisitRecord(visit: visit, entries: entries.filter { $0.visitKey == visit.key })
      let tasks = record.current.map(\.entry)
        .filter { $0.kind == .task && view.shows($0, on: visit.day, to: me) }
        .compactMap { e in e.task.map { (task: $0, done: e.outcome == .done, why: e.text) } }
      return .init(
        visit: visit, workers: ([visit.workerID] + [visit.partnerID].compactMap { $0 }).map { names[$0] ?? "A worker" },
        record: record, tasks: tasks,
        times: VisitTimes(
          visit: visit, answers: answers.filter { $0.visitKey == visit.key },
          autoConfirmDays: settings.autoConfirmDays, now: effects.now()))
    }
    return VisitHistoryModel(
      team: team, from: first, through: last, items: items, isOwner: me == team.personAccount.id)
  }
}
