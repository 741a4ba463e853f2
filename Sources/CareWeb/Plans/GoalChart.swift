import CareCases
import CareCore
import Foundation
import Plot

/// Where a goal's progress chart puts things: time runs left to right from the day the goal was set to now;
/// height is steps. One line steps up as steps are done (and down if one was not done after all); a dashed
/// line above it is how many steps there were; a dot marks each progress note.
struct GoalChartGeometry: Equatable {
  static let width = 600.0
  static let height = 220.0
  static let left = 44.0
  static let right = 16.0
  static let top = 16.0
  static let bottom = 40.0

  /// The "steps done" line and the "steps there were" line, as SVG polyline points.
  let done: [Point]
  let steps: [Point]
  /// One dot per progress note, on the done line.
  let notes: [Point]
  /// The top of the scale (at least 1).
  let most: Int
  let start: Date
  let end: Date

  struct Point: Equatable {
    let x: Double
    let y: Double
  }

  init(goal: PlanGoal, now: Date) {
    let points = goal.progress
    start = goal.createdAt
    end = max(now, points.last?.at ?? now, start.addingTimeInterval(86_400))
    most = max(1, points.map(\.steps).max() ?? 0)
    let (start, end, most) = (start, end, most)
    func x(_ at: Date) -> Double {
      let plot = Self.width - Self.left - Self.right
      return Self.rounded(Self.left + at.timeIntervalSince(start) / end.timeIntervalSince(start) * plot)
    }
    func y(_ n: Int) -> Double {
      let plot = Self.height - Self.top - Self.bottom
      return Self.rounded(Self.top + plot - Double(n) / Double(most) * plot)
    }
    /// A line that holds its value until the next point, then steps to the new one; it runs on to now.
    func staircase(_ value: (GoalProgressPoint) -> Int) -> [Point] {
      var line: [Point] = []
      for (index, point) in points.enumerated() {
        if index > 0 { line.append(Point(x: x(point.at), y: y(value(points[index - 1])))) }
        line.append(Point(x: x(point.at), y: y(value(point))))
      }
      if let last = points.last { line.append(Point(x: x(end), y: y(value(last)))) }
      return line
    }
    done = staircase(\.done)
    steps = staircase(\.steps)
    notes = goal.entries.filter { $0.kind == .note }.map { entry in
      let then = points.last { $0.at <= entry.at }?.done ?? 0
      return Point(x: x(entry.at), y: y(then))
    }
  }

  static func rounded(_ value: Double) -> Double { (value * 10).rounded() / 10 }

  static func polyline(_ points: [Point]) -> String {
    points.map { "\(format($0.x)),\(format($0.y))" }.joined(separator: " ")
  }

  static func format(_ value: Double) -> String {
    value == value.rounded() ? String(Int(value)) : String(value)
  }

  /// The y of `n` steps (for the scale's labels).
  func y(_ n: Int) -> Double {
    let plot = Self.height - Self.top - Self.bottom
    return Self.rounded(Self.top + plot - Double(n) / Double(most) * plot)
  }
}

/// The chart itself, drawn on the server as SVG in the page (no script; it prints). The words beside it say
/// the same for those who do not see it: its description is read out, and the steps and notes are listed.
struct GoalChart {
  let goal: PlanGoal
  let now: Date

  /// What the chart shows, in a sentence or two.
  var summary: String {
    let done = goal.done.count
    let started = CoopCalendar.london.day(of: goal.createdAt).longText
    var words = "Started on \(started). \(done) of \(goal.steps.count) step\(goal.steps.count == 1 ? "" : "s") done."
    if let last = goal.progress.dropFirst().last {
      words += " Last change on \(CoopCalendar.london.day(of: last.at).longText)."
    }
    let notes = goal.entries.filter { $0.kind == .note }.count
    if notes > 0 { words += " \(notes) progress note\(notes == 1 ? "" : "s")." }
    return words
  }

  var body: Node<HTML.BodyContext> {
    let g = GoalChartGeometry(goal: goal, now: now)
    let id = "goal-chart-\(goal.id)"
    func svg(_ name: String, _ attributes: [(String, String)], _ nodes: [Node<HTML.BodyContext>] = [])
      -> Node<HTML.BodyContext>
    {
      .element(named: name, nodes: attributes.map { .attribute(named: $0.0, value: $0.1) } + nodes)
    }
    func label(_ x: Double, _ y: Double, _ text: String, anchor: String = "start") -> Node<HTML.BodyContext> {
      svg(
        "text",
        [
          ("x", GoalChartGeometry.format(x)), ("y", GoalChartGeometry.format(y)), ("class", "chart-label"),
          ("text-anchor", anchor),
        ], [.text(text)])
    }
    let baseline = GoalChartGeometry.height - GoalChartGeometry.bottom
    let right = GoalChartGeometry.width - GoalChartGeometry.right
    let calendar = CoopCalendar.london
    return svg(
      "svg",
      [
        ("class", "goal-chart"), ("viewBox", "0 0 \(Int(GoalChartGeometry.width)) \(Int(GoalChartGeometry.height))"),
        ("role", "img"), ("aria-labelledby", "\(id)-title \(id)-desc"),
      ],
      [
        svg("title", [("id", "\(id)-title")], [.text("How “\(goal.title)” has gone")]),
        svg("desc", [("id", "\(id)-desc")], [.text(summary)]),
        svg(
          "line",
          [
            ("x1", GoalChartGeometry.format(GoalChartGeometry.left)), ("y1", GoalChartGeometry.format(baseline)),
            ("x2", GoalChartGeometry.format(right)), ("y2", GoalChartGeometry.format(baseline)), ("class", "axis"),
          ]),
        label(GoalChartGeometry.left - 8, g.y(0) + 5, "0", anchor: "end"),
        label(GoalChartGeometry.left - 8, g.y(g.most) + 5, "\(g.most)", anchor: "end"),
        label(GoalChartGeometry.left, baseline + 24, calendar.day(of: g.start).longText),
        label(right, baseline + 24, calendar.day(of: g.end).longText, anchor: "end"),
        svg("polyline", [("points", GoalChartGeometry.polyline(g.steps)), ("class", "line-steps")]),
        svg("polyline", [("points", GoalChartGeometry.polyline(g.done)), ("class", "line-done")]),
        .group(
          g.notes.map { point in
            svg(
              "circle",
              [
                ("cx", GoalChartGeometry.format(point.x)), ("cy", GoalChartGeometry.format(point.y)), ("r", "6"),
                ("class", "note-dot"),
              ])
          }),
      ])
  }

  /// The chart's key, in words (colour is never the only cue: the lines differ in pattern too).
  static var key: Node<HTML.BodyContext> {
    .p(
      .class("hint chart-key"),
      "The solid line is steps done; the dashed line is how many steps there were; each dot is a progress note.")
  }
}
