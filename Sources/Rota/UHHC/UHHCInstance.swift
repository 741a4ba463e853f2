/// The unified home-care problem of Ceschia et al. (ITOR 2025, iolab-uniud/uhhc): patients with one or
/// two services, one or more time windows, preferred and incompatible carers, some optional; carers
/// with shifts, their own start and end points and a lunch break to fit in; a cost of nine weighted parts.
/// Kept apart from `RotaProblem` because its objective (waiting, idle time, overtime, lunch) is its own.
public struct UHHCInstance: Sendable {
  public struct Window: Sendable, Hashable {
    public let start: Int
    public let end: Int
  }

  public enum Sync: Sendable, Hashable {
    /// Two services, done at any times, perhaps by the same carer.
    case independent
    /// Both at once, by two carers.
    case simultaneous
    /// The second starts `min`…`max` minutes after the first, by another carer.
    case sequential(min: Int, max: Int)
  }

  public struct Need: Sendable, Hashable {
    public let service: String
    public let duration: Int
  }

  public struct Patient: Sendable {
    public let id: String
    public let node: Int
    public let needs: [Need]
    /// Sorted by start; a visit may not start before the first opens.
    public let windows: [Window]
    public let sync: Sync?
    public let incompatible: Set<Int>
    /// Nil when the patient states no preference; otherwise a visit by anyone else costs.
    public let preferred: Set<Int>?
    public let optional: Bool
  }

  public struct Carer: Sendable {
    public let id: String
    public let abilities: Set<String>
    public let startNode: Int
    public let endNode: Int
    public let shift: Window
    public let takesLunch: Bool
  }

  /// The weight of each cost part; `hard` parts must be zero in a valid plan and count once each.
  public struct Weights: Sendable, Hashable {
    public var travel = 0
    public var tardiness = 0
    public var highestTardiness = 0
    public var waiting = 0
    public var extraTime = 0
    public var maxIdle = 0
    public var preferences = 0
    public var unscheduled = 0
    public var missedLunch = 0
    public var tardinessIsHard = false
  }

  public let name: String
  public let patients: [Patient]
  public let carers: [Carer]
  public let distances: [[Int]]
  public let lunch: (start: Int, end: Int, minutes: Int)
  /// Lateness counts from the end of the service (else from its start).
  public let lateAtEnd: Bool
  public let weights: Weights

  /// The window that applies to a visit starting at `start`: the last one opened by then.
  public func window(of patient: Int, startingAt start: Int) -> Window {
    let windows = patients[patient].windows
    return windows.last { $0.start <= start } ?? windows[0]
  }

  /// Minutes late for a visit at `start` lasting `duration`.
  public func tardiness(of patient: Int, start: Int, duration: Int) -> Int {
    let window = window(of: patient, startingAt: start)
    return max(0, (lateAtEnd ? start + duration : start) - window.end)
  }

  /// Whether the carer may do this service for this patient (skill, and not barred by the patient).
  public func mayDo(_ carer: Int, patient: Int, need: Int) -> Bool {
    carers[carer].abilities.contains(patients[patient].needs[need].service)
      && !patients[patient].incompatible.contains(carer)
  }
}
