import Foundation

/// A person's medicine administration record (MAR) over some days, as it prints: a row for each dose time
/// of each medicine (and one for each taken as needed), a column for each day, and in each cell what the
/// workers wrote at the visit — or that a dose due at a visit was not written down.
public struct MARChart: Sendable {
  public enum Mark: Sendable, Hashable {
    /// What the standing entries say (more than one when two were written, each kept).
    case recorded([MedicineOutcome])
    /// Due at a visit that is over, and nothing written.
    case notRecorded
    /// Not due at a visit that day (no visit, family gave it, or not on the list then).
    case notDue
    /// A day still to come.
    case later
  }

  public struct Row: Sendable, Hashable {
    public let medicineID: ID<Medicine>
    /// The medicine as the newest version in the period describes it.
    public let details: MedicineDetails
    /// The dose time, or nil for the row of doses taken as needed.
    public let doseAt: Int?
    public let marks: [Mark]
    /// The reasons written for doses not given, with their day, for the notes under the chart.
    public let reasons: [(day: Day, outcome: MedicineOutcome, text: String)]

    public static func == (a: Row, b: Row) -> Bool {
      a.medicineID == b.medicineID && a.doseAt == b.doseAt && a.marks == b.marks
    }
    public func hash(into h: inout Hasher) {
      h.combine(medicineID)
      h.combine(doseAt)
    }
  }

  public let days: [Day]
  public let rows: [Row]

  public static let length = 28

  /// `entries`: the person's record entries over the days (only standing medicine entries count);
  /// `visits`: their published visits over the days; `now`: what counts as over.
  public init(
    from first: Day, days count: Int = MARChart.length, list: MedicineList, entries: [RecordEntry],
    visits: [RotaVisit], now: Date, calendar: CoopCalendar = .london
  ) {
    let days = (0..<count).map { first.adding(days: $0) }
    self.days = days
    let standing = VisitRecordSet(entries).standing.filter { $0.kind == .medicine && $0.medicine != nil }
    var byCell: [String: [RecordEntry]] = [:]
    for e in standing {
      guard let dose = e.medicine, let day = RotaVisit.day(ofKey: e.visitKey) else { continue }
      byCell["\(dose.medicineID)/\(dose.doseAt.map(String.init) ?? "-")/\(day.iso)", default: []].append(e)
    }
    let visitsByDay = Dictionary(grouping: visits, by: \.day)
    let inUse = days.map { list.current(on: $0, calendar: calendar) }
    // Every medicine in use on some day of the period, or with a dose written in it.
    var newest: [ID<Medicine>: MedicineDetails] = [:]
    for day in inUse { for v in day { newest[v.medicineID] = v.details } }
    for e in standing {
      guard let id = e.medicine?.medicineID, newest[id] == nil,
        let v = list.versions.first(where: { $0.id == e.medicine?.versionID })
      else { continue }
      newest[id] = v.details
    }
    var rows: [Row] = []
    let order = newest.sorted {
      ($0.value.name.lowercased(), $0.key.description) < ($1.value.name.lowercased(), $1.key.description)
    }
    for (id, details) in order {
      var times = Set<Int>()
      for day in inUse { for v in day where v.medicineID == id { times.formUnion(v.details.times) } }
      for e in standing where e.medicine?.medicineID == id { if let at = e.medicine?.doseAt { times.insert(at) } }
      var slots: [Int?] = times.sorted().map { $0 }
      if details.asNeeded || standing.contains(where: { $0.medicine?.medicineID == id && $0.medicine?.doseAt == nil }) {
        slots.append(nil)
      }
      for at in slots {
        var reasons: [(day: Day, outcome: MedicineOutcome, text: String)] = []
        let marks: [Mark] = days.enumerated().map { i, day in
          let written = byCell["\(id)/\(at.map(String.init) ?? "-")/\(day.iso)"] ?? []
          if !written.isEmpty {
            for e in written where e.medicine?.outcome != .given && !e.text.isEmpty {
              reasons.append((day, e.medicine!.outcome, e.text))
            }
            return .recorded(written.compactMap { $0.medicine?.outcome })
          }
          guard let at else { return calendar.instant(on: day, atMinute: 0) > now ? .later : .notDue }
          guard let version = inUse[i].first(where: { $0.medicineID == id }), version.details.times.contains(at)
          else { return .notDue }
          let dueAt = (visitsByDay[day] ?? []).filter { version.details.dueTimes(at: $0).contains(at) }
          if dueAt.isEmpty { return calendar.instant(on: day, atMinute: 0) > now ? .later : .notDue }
          let over = dueAt.contains {
            calendar.instant(on: day, atMinute: min($0.start, 1439)).addingTimeInterval(Double($0.length * 60)) <= now
          }
          return over ? .notRecorded : .later
        }
        rows.append(Row(medicineID: id, details: details, doseAt: at, marks: marks, reasons: reasons))
      }
    }
    self.rows = rows
  }
}

/// Entries of several visits, read as they stand: those no later entry corrects.
struct VisitRecordSet {
  let standing: [RecordEntry]

  init(_ entries: [RecordEntry]) {
    let corrected = Set(entries.compactMap(\.corrects))
    standing = entries.filter { !corrected.contains($0.id) }
  }
}
