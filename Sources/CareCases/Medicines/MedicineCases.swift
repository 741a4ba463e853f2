import CareCore
import CareStore
import Foundation

/// A person's medicines as their team sees them: the list in use, the changes waiting for the person's
/// answer, each medicine's history, and what the viewer may do.
public struct MedicinesModel: Sendable {
  public let team: Team
  public let list: MedicineList
  public let mayPropose: Bool
  public let mayAnswer: Bool
  public let names: [ID<Account>: String]

  public var personName: String { team.personAccount.name }
  public func name(_ id: ID<Account>) -> String { names[id] ?? "someone no longer in the team" }
}

/// The person's medicine chart (MAR) for four weeks, to read and print.
public struct MedicineChartModel: Sendable {
  public let team: Team
  public let chart: MARChart
  public let from: Day
  public let today: Day

  public var personName: String { team.personAccount.name }
  public var through: Day { from.adding(days: MARChart.length - 1) }
}

/// Medicines: kept by the person's team, changed only with the person's (or arranger's) agreement, given at
/// visits and written on the visit's record, read back as a chart.
extension Cases {
  public func medicines(_ personID: ID<Person>, by requester: Requester) async throws -> MedicinesModel {
    let (team, permit) = try await team(personID, for: requester) { .viewMedicines($0) }
    let list = try await store.medicines(permit: permit)
    try await store.logMedicinesLook(permit: permit, detail: "the list", env: effects)
    let facts = TeamFacts(team)
    let ids = Set(list.versions.flatMap { [$0.proposedBy] + [$0.answeredBy].compactMap { $0 } })
    var names = try await store.accountNames(Array(ids))
    names[team.personAccount.id] = team.personAccount.name
    return MedicinesModel(
      team: team, list: list, mayPropose: allows(requester, .proposeMedicine(facts)),
      mayAnswer: allows(requester, .answerMedicine(facts)), names: names)
  }

  /// The form for a new medicine or a change: the team, and the medicine's newest version when changing one
  /// (a medicine of someone else, or an unknown one, is "not found").
  public func medicineToChange(_ personID: ID<Person>, medicine: ID<Medicine>?, by requester: Requester)
    async throws -> (team: Team, current: MedicineVersion?)
  {
    let (team, permit) = try await team(personID, for: requester) { .proposeMedicine($0) }
    guard let medicine else { return (team, nil) }
    let list = try await store.medicines(permit: permit)
    guard let newest = list.newest(medicine) else { throw CareError.notFound }
    return (team, newest)
  }

  /// Proposes a new medicine, a change or a stop. The person's or their arranger's own counts at once;
  /// anyone else's waits for their answer (and they are told, in the app).
  @discardableResult
  public func proposeMedicine(_ change: MedicineChange, person personID: ID<Person>, by requester: Requester)
    async throws -> MedicineVersion
  {
    let (team, permit) = try await team(personID, for: requester) { .proposeMedicine($0) }
    let version = try await store.proposeMedicine(change, permit: permit, env: effects)
    if version.status == .proposed {
      let who = requester.account.name
      let what = change.stops ? "stop" : change.medicine == nil ? "add" : "change"
      let to = [team.personAccount.id] + team.active.filter { $0.membership.isArranger }.map(\.account.id)
      try await store.keepMessages(
        to.filter { $0 != requester.account.id }.map {
          NewMessage(
            to: $0, subject: "A change to the medicines is waiting for your answer",
            body: "\(who) proposes to \(what) \(version.details.name). It counts once you agree.",
            link: links.medicinesPath(personID))
        }, mailJob: Self.mailJob, env: effects)
    }
    return version
  }

  /// Asks the policy whether the requester answers for the person's medicines (before their answer is read).
  public func mayAnswerMedicines(_ personID: ID<Person>, by requester: Requester) async throws {
    _ = try await team(personID, for: requester) { .answerMedicine($0) }
  }

  /// The person (or their arranger) agrees to a change waiting for them, or says no.
  @discardableResult
  public func answerMedicine(
    _ versionID: ID<MedicineVersion>, agree: Bool, person personID: ID<Person>, by requester: Requester
  ) async throws -> MedicineVersion {
    let (_, permit) = try await team(personID, for: requester) { .answerMedicine($0) }
    return try await store.answerMedicine(versionID, agree: agree, permit: permit, env: effects)
  }

  /// The chart for the 28 days from `from` (the last four weeks, today included, when nil).
  public func medicineChart(_ personID: ID<Person>, from: Day?, by requester: Requester) async throws
    -> MedicineChartModel
  {
    let (team, permit) = try await team(personID, for: requester) { .viewMedicines($0) }
    let first = from ?? today.adding(days: 1 - MARChart.length)
    let last = first.adding(days: MARChart.length - 1)
    let list = try await store.medicines(permit: permit)
    let doses = try await store.medicineDoses(permit: permit, from: first, through: last)
    let visits = try await store.publishedVisits(permit: permit, person: personID, from: first, through: last)
    try await store.logMedicinesLook(
      permit: permit, detail: "the chart, \(first.iso) to \(last.iso)", env: effects)
    let chart = MARChart(from: first, list: list, entries: doses, visits: visits, now: effects.now())
    return MedicineChartModel(team: team, chart: chart, from: first, today: today)
  }
}
