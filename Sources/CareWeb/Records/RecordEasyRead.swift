import CareCases
import CareCore
import Plot

/// The visit's record in Easy Read, for those who read it (the person, their arranger, family): one short
/// sentence an entry, as it stands after corrections, in plain words ("Amina came at 09:02.", "You felt good.",
/// "You had Levetiracetam."); to the person it says "you", to anyone else their first name.
extension RecordPage {
  /// Whether the written part is shown in Easy Read: the reader asked for it, and is not writing the record
  /// (the visit's workers keep the lines they may correct).
  var isEasy: Bool { layout.easyRead && !model.mayWrite }

  var easyRecord: Node<HTML.BodyContext> {
    let standing = model.lines.filter { $0.correctedBy == nil }
    guard !standing.isEmpty else { return .p("Nobody has written about this visit yet.") }
    return .ul(.class("easy-lines"), .forEach(standing) { .li(.text(easySentence($0.entry))) })
  }

  /// One entry in plain words.
  func easySentence(_ e: RecordEntry) -> String {
    let worker = Account.firstName(of: model.name(e.authorID))
    let you = model.isPerson ? "you" : first
    let You = you.capitalizedFirst
    let at = CoopCalendar.clockText(CoopCalendar.london.minuteOfDay(of: e.deviceAt))
    let why = e.text.isEmpty ? "" : " \(worker) wrote: “\(e.text)”"
    let changed = e.correctionReason.map { " (\(worker) changed this: \($0))" } ?? ""
    let words: String =
      switch e.kind {
      case .checkIn: "\(worker) came at \(at)."
      case .checkOut: "\(worker) left at \(at)."
      case .task:
        e.outcome == .done
          ? "Done: \(e.task?.label ?? "a task").\(why)" : "Not done: \(e.task?.label ?? "a task").\(why)"
      case .note: "\(worker) wrote: “\(e.text)”"
      case .wellbeing:
        "\(You) felt \(Self.feeling(e.wellbeing ?? 3))."
          + (e.text.isEmpty ? "" : " \(You) said: “\(e.text)”")
      case .leaving: "When \(worker) left, \(you) \(model.isPerson ? "were" : "was"): \(e.text)"
      case .safety:
        "Water was \(e.waterInReach == true ? "" : "not ")near \(you). "
          + "The call button was \(e.pendantInReach == true ? "" : "not ")near \(you)."
      case .medicine:
        e.medicine.map { dose in
          let name = model.medicineName(dose.medicineID)
          return switch dose.outcome {
          case .given: "\(You) had \(name)."
          case .refused: "\(You) did not want \(name).\(why)"
          case .notNeeded: "\(You) did not need \(name)."
          case .missed: "\(name) was missed.\(why)"
          }
        } ?? "A medicine."
      }
    return words + changed
  }

  /// The wellbeing scale in plain words.
  static func feeling(_ score: Int) -> String {
    switch score {
    case 5: "very good"
    case 4: "good"
    case 3: "all right"
    case 2: "not good"
    default: "not good at all"
    }
  }
}
