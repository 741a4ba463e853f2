import Foundation

extension RotaVisit {
  /// How long before a visit's start, and after its end, its workers count as being at it.
  public static let underWayMargin: TimeInterval = 60 * 60

  /// Whether `now` is within the visit, give or take `underWayMargin`.
  public func isUnderWay(at now: Date, calendar: CoopCalendar = .london) -> Bool {
    let begins = calendar.instant(on: day, atMinute: min(start, 1439))
    let ends = begins.addingTimeInterval(TimeInterval(length * 60))
    return now >= begins.addingTimeInterval(-Self.underWayMargin) && now <= ends.addingTimeInterval(Self.underWayMargin)
  }
}

/// What a worker reads before going in: how the person has been at the visits of the last days — the notes,
/// how they were in their own words, what they were doing when the last worker left — newest first, each as
/// it stands (a corrected entry gives way to its correction).
public enum EarlierNotes {
  /// How many days back.
  public static let days = 7
  /// At most this many entries.
  public static let most = 20

  public static func of(_ entries: [RecordEntry], before visit: RotaVisit) -> [RecordEntry] {
    let corrected = Set(entries.compactMap(\.corrects))
    return Array(
      entries.filter {
        $0.visitID != visit.id && !corrected.contains($0.id) && [.note, .wellbeing, .leaving].contains($0.kind)
      }
      .sorted { ($0.deviceAt, $0.id.description) > ($1.deviceAt, $1.id.description) }
      .prefix(most))
  }
}
