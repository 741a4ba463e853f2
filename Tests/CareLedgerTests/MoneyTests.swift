import Foundation
import PropertyBased
import Testing

@testable import CareLedger

/// Money arithmetic: charges to the nearest penny, bills whose totals are their lines, and steady pay that
/// never loses (or invents) a penny.
@Suite("Money arithmetic")
struct MoneyTests {
  @Test(arguments: [
    (60, 2_450, 2_450), (45, 2_450, 1_838), (1, 2_450, 41), (30, 1_001, 501), (29, 1_001, 484), (0, 2_450, 0),
    (150, 0, 0),
  ])
  func aChargeIsTheNearestPenny(minutes: Int, rate: Int, pence: Int) {
    #expect(Charge.pence(minutes: minutes, hourlyPence: rate) == pence)
  }

  @Test func aChargeIsNeverMoreThanHalfAPennyOut() async {
    await propertyCheck(count: 500, input: Gen.int(in: 0...10_000), Gen.int(in: 0...20_000)) { minutes, rate in
      let pence = Charge.pence(minutes: minutes, hourlyPence: rate)
      // |pence - minutes × rate / 60| ≤ ½, in sixtieths of a penny.
      #expect(abs(pence * 60 - minutes * rate) <= 30)
    }
  }

  @Test func everyLineIsOnOneBillAndTheTotalsAreTheLines() async {
    let lines = Gen.int(in: 0...Int(Int32.max)).map { n in
      BillLine(entryID: UUID(), payer: "payer \(n % 4)", minutes: (n / 4) % 400, hourlyPence: (n / 1600) % 5_000)
    }.array(of: 0...60)
    await propertyCheck(count: 300, input: lines) { lines in
      let bills = Bill.group(lines)
      for bill in bills { #expect(bill.lines == lines.filter { $0.payer == bill.payer && $0.minutes > 0 }) }
      #expect(bills.flatMap(\.lines).count == lines.filter { $0.minutes > 0 }.count)
      #expect(Set(bills.map(\.payer)).count == bills.count)
      #expect(bills.reduce(0) { $0 + $1.pence } == lines.reduce(0) { $0 + $1.pence })
      for bill in bills { #expect(bill.pence == bill.lines.map(\.pence).reduce(0, +)) }
    }
  }

  /// Steady pay over three uneven periods: the worked example in the README.
  @Test func steadyPayOverThreeUnevenPeriods() {
    var pay = SteadyPay(periods: 3)
    #expect(pay.close(earning: 90_000) == 90_000)  // the average of one period is itself
    #expect(pay.close(earning: 150_000) == 120_000)  // the average of 900 and 1,500: 300 kept
    #expect(pay.balance == 30_000)
    #expect(pay.close(earning: 60_000) == 90_000)  // the average would be 1,000; 600 earned + 300 kept is 900
    #expect(pay.balance == 0)
    #expect(pay.paid == [90_000, 120_000, 90_000] && pay.earned == [90_000, 150_000, 60_000])
  }

  @Test func steadyPaySettledPaysTheBalance() {
    var pay = SteadyPay(periods: 4)
    pay.close(earning: 100_000)
    pay.close(earning: 140_001)
    #expect(pay.balance == 20_001)
    #expect(pay.settle() == 20_001)
    #expect(pay.balance == 0 && pay.paid.last == 140_001)
    #expect(pay.settle() == 0)
  }

  /// A period whose working time the law says must pay at least a floor pays it, out of its own earnings,
  /// even when the average is lower; the history kept elsewhere carries on where it stopped.
  @Test func steadyPayNeverPaysBelowTheFloorAndCarriesOnFromItsHistory() {
    var pay = SteadyPay(periods: 3, earned: [10_000, 10_000], paid: [10_000, 8_000])
    #expect(pay.balance == 2_000)
    #expect(pay.payment(earning: 40_000) == 20_000)  // the average of 100, 100 and 400
    #expect(pay.close(earning: 40_000, atLeast: 25_000) == 25_000)
    #expect(pay.balance == 17_000)
    pay.close(earning: 0)
    #expect(pay.paid.last == 16_666 && pay.balance == 334)
  }

  /// Whatever is earned, in whatever order, over however many periods: paid plus the balance is earned, to
  /// the penny; the balance is never below zero; a steady run of equal periods pays exactly that amount.
  @Test func steadyPayLosesNoPenny() async {
    let runs = Gen.int(in: 0...300_000).array(of: 0...40)
    await propertyCheck(count: 400, input: runs, Gen.int(in: 1...12), Gen.int(in: 0...40)) { earnings, n, settleAt in
      var pay = SteadyPay(periods: n)
      for (i, e) in earnings.enumerated() {
        let before = pay.balance
        let floor = e * (i % 3) / 3  // a floor is never more than what the period earned
        let paid = pay.close(earning: e, atLeast: floor)
        #expect(paid >= floor && paid <= before + e)
        #expect(pay.balance >= 0)
        if i == settleAt { pay.settle() }
        #expect(pay.paid.reduce(0, +) + pay.balance == pay.earned.reduce(0, +))
      }
      pay.settle()
      #expect(pay.balance == 0 && pay.paid.reduce(0, +) == earnings.reduce(0, +))
    }
    await propertyCheck(count: 100, input: Gen.int(in: 0...300_000), Gen.int(in: 1...12)) { amount, n in
      var pay = SteadyPay(periods: n)
      for _ in 0..<(n + 3) { #expect(pay.close(earning: amount) == amount) }
    }
  }

  /// Steady payments towards one's own care: a month may be a credit (a credit note for an earlier month).
  /// Whatever the months, asked plus the balance is invoiced, to the penny; the balance is never below zero;
  /// a credit takes from the balance first and pays back only the rest.
  @Test func steadyPaymentsWithCreditsLoseNoPenny() async {
    let months = Gen.int(in: -200_000...300_000).array(of: 0...40)
    await propertyCheck(count: 400, input: months, Gen.int(in: 1...6)) { invoiced, n in
      var pay = SteadyPay(periods: n)
      for amount in invoiced {
        let before = pay.balance
        if amount >= 0 {
          let asked = pay.close(earning: amount)
          #expect(asked >= 0 && asked <= before + amount)
        } else {
          let back = pay.close(returning: -amount)
          #expect(back == max(0, -amount - before) && pay.balance == max(0, before + amount))
        }
        #expect(pay.balance >= 0)
        #expect(pay.paid.reduce(0, +) + pay.balance == pay.earned.reduce(0, +))
      }
      pay.settle()
      #expect(pay.balance == 0 && pay.paid.reduce(0, +) == invoiced.reduce(0, +))
    }
  }

  // MARK: - Pay

  @Test(arguments: [
    (19 * 60, 120, false, 60), (6 * 60, 90, false, 60), (10 * 60, 60, true, 60), (5 * 60, 17 * 60, false, 240),
    (12 * 60, 60, false, 0), (20 * 60, 0, false, 0), (23 * 60, 60, false, 60),
  ])
  func unsocialMinutesAreEveningsNightsAndWeekends(start: Int, minutes: Int, weekend: Bool, unsocial: Int) {
    #expect(
      CareLedger.unsocialMinutes(start: start, minutes: minutes, weekend: weekend, evening: 20 * 60, morning: 7 * 60)
        == unsocial)
  }

  /// Ten hours of care (two in unsocial hours) and an hour of travel at £13.00, 20 % extra, travel at full
  /// pay: £130.00 + £5.20 + £13.00; eleven hours of working time reach £12.71 an hour.
  @Test func aPeriodsPayIsItsLinesAndReachesTheMinimumWage() {
    let pay = PayReckoning(
      WorkedMinutes(care: 600, unsocial: 120, travel: 60),
      rates: PayRates(hourlyPence: 1_300, unsocialPercent: 20, travelPercent: 100), minimumHourlyPence: 1_271)
    #expect(pay.lines.map(\.pence) == [13_000, 520, 1_300] && pay.pence == 14_820)
    #expect(pay.workingMinutes == 660 && pay.shortfallPence == 0)
    // £12.00 an hour with travel at half pay: twelve hours of working time fall £20.52 short of £12.71.
    let low = PayReckoning(
      WorkedMinutes(care: 600, travel: 120), rates: PayRates(hourlyPence: 1_200, unsocialPercent: 0, travelPercent: 50),
      minimumHourlyPence: 1_271)
    #expect(low.pence == 13_200 && low.shortfallPence == 2_052)
  }

  /// Pay ÷ hours reaches the rate exactly when there is no shortfall; paying the shortfall reaches it.
  @Test func theMinimumWageCheckIsExact() async {
    await propertyCheck(
      count: 400, input: Gen.int(in: 0...6_000), Gen.int(in: 0...600), Gen.int(in: 0...2_500), Gen.int(in: 0...100)
    ) { care, travel, hourly, travelPercent in
      let pay = PayReckoning(
        WorkedMinutes(care: care, travel: travel),
        rates: PayRates(hourlyPence: hourly, unsocialPercent: 0, travelPercent: travelPercent),
        minimumHourlyPence: 1_271)
      #expect(pay.pence == pay.lines.map(\.pence).reduce(0, +))
      #expect((pay.shortfallPence == 0) == (pay.pence * 60 >= pay.workingMinutes * 1_271))
      #expect((pay.pence + pay.shortfallPence) * 60 >= pay.workingMinutes * 1_271)
      #expect((pay.pence + pay.shortfallPence - 1) * 60 < pay.workingMinutes * 1_271 || pay.shortfallPence == 0)
    }
  }
}
