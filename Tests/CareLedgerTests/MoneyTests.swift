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

  /// Whatever is earned, in whatever order, over however many periods: paid plus the balance is earned, to
  /// the penny; the balance is never below zero; a steady run of equal periods pays exactly that amount.
  @Test func steadyPayLosesNoPenny() async {
    let runs = Gen.int(in: 0...300_000).array(of: 0...40)
    await propertyCheck(count: 400, input: runs, Gen.int(in: 1...12), Gen.int(in: 0...40)) { earnings, n, settleAt in
      var pay = SteadyPay(periods: n)
      for (i, e) in earnings.enumerated() {
        let before = pay.balance
        let paid = pay.close(earning: e)
        #expect(paid >= 0 && paid <= before + e)
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
}
