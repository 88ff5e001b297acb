import { describe, expect, it } from 'vitest';
import { createLinter, type Channel, type MessageContext } from '../src/index.js';

/** RuleTester-style tables: every rule kind, valid (no finding of the rule) and invalid (flagged). */
interface Case {
  text: string;
  channel?: Channel;
  context?: MessageContext;
}
const linter = createLinter();

function ruleIds(c: Case): string[] {
  return linter.lint({ text: c.text, channel: c.channel, context: c.context }).findings.map((f) => f.ruleId);
}

const table: Record<string, { valid: Case[]; invalid: Case[] }> = {
  // lexicon kind: negation, lawful statements, obfuscation
  'threat/visit': {
    valid: [{ text: '我们不会上门打扰您，请通过APP还款。' }, { text: '您可携带身份证到我行网点办理。' }, { text: '如需上门办理还款协商，请致电预约。' }],
    invalid: [{ text: '明天上门找你。' }, { text: '再不还钱就上-门。' }, { text: '不还钱就上门。' }],
  },
  'threat/veiled': {
    // 不 in a potential complement (跑不掉) says "cannot"; it negates nothing.
    valid: [
      { text: '如您暂时还不上，可申请分期，我们不会让您为难。' },
      { text: '工作人员联系不到您单位的负责人。' },
      { text: '想联系一下周女士，她的电话一直打不通，麻烦您请她回个电话。', context: { recipient: 'third-party' } },
    ],
    invalid: [
      { text: '你跑不掉的。' },
      { text: '你躲不过的，自己掂量。' },
      { text: '再不还钱，你全家别想好过。' },
      { text: '逾期的后果，你自己心里有数。' },
    ],
  },
  'threat/violence': {
    valid: [{ text: 'Our team in your area can meet you at the branch to set up a plan.' }],
    invalid: [
      { text: 'Keep ignoring us and things will get a lot less friendly.' },
      { text: "Pay by Friday or you'll find out what we're capable of." },
      { text: "Pay today or we'll report you to immigration and have you deported." },
      { text: 'Pay by Friday or the landlord will change the locks while you are at work.' },
      { text: '听说您女儿在读三年级，挺可爱的。欠款还是这周处理了吧。' },
      { text: '房租再不交，我们就直接换锁。' },
    ],
  },
  'threat/arrest-or-seizure': {
    valid: [
      { text: 'You cannot be arrested for a consumer debt.' },
      { text: 'If the creditor obtains a judgment, it may seek to garnish wages.' },
      { text: 'If the loan stays in default, the lender may repossess the vehicle as your contract allows.' },
      { text: 'Only a court can order wage garnishment, and no lawsuit has been filed.' },
      // "going to" continues a negation; only "we're going to" starts a new (conditional) threat.
      { text: "We're a debt collector, not a law enforcement agency. Nobody is going to arrest you." },
      // A negation runs on through a short comma list.
      { text: 'You will not be arrested, jailed, or sued over this debt.' },
    ],
    invalid: [
      { text: 'Failure to pay may result in a warrant for your arrest.' },
      { text: 'You will go to j@il.' },
      { text: 'Do not ignore this, we will have you arrested.' },
      { text: 'Pay today or we will repossess your car tonight.' },
      { text: 'A warrant is pending in your county for this balance.' },
    ],
  },
  'insult/abuse': {
    valid: [
      { text: '谨防骗子冒充我司工作人员。' },
      { text: 'Beware of scammers who pretend to be us.' },
      // Quoted as words in a conduct policy, not said to anyone.
      { text: '本公司要求催收人员使用规范用语，"老赖""骗子"等侮辱性称呼一律不得出现。' },
      { text: 'Our agents never call anyone a "deadbeat" or similar names.' },
      // In a call transcript the other party's words are not the collector's.
      { text: '催收员：您好，请问是邓先生吗？\n客户：又是你们！你们这帮骗子，天天打电话烦不烦？\n催收员：非常抱歉打扰您。' },
      { text: 'Agent: Hi, is this Dana?\nConsumer: Stop calling me, you deadbeat vultures.\nAgent: I understand. I will note that.' },
    ],
    invalid: [
      { text: '你这个老 赖。' },
      { text: '你這個老賴。' },
      { text: 'Stop being a deadbeat.' },
      { text: '你就是个“老赖”。' },
      { text: '客户：我这两天就想办法。\n催收员：想了一个月了，你这个老赖还算个男人吗？' },
      { text: '欠钱拖着不还，做人要点脸吧。' },
    ],
  },
  'third-party-disclosure/threat-to-tell': {
    valid: [
      { text: '我们不会联系您的家人。' },
      { text: 'We will not contact your employer or family about this debt.' },
      { text: 'Federal law prohibits debt collectors from contacting your employer, family or friends about your debt.' },
    ],
    invalid: [
      { text: '再不还款，将通知你通讯录里的所有人。' },
      { text: '再拖下去，你家里人迟早会知道的。' },
      { text: '再不还款，我们就去单位和你领导沟通。' },
      { text: '再不处理，我们将把您的逾期情况同步给您通讯录里的每一位联系人。' },
      { text: "If we don't have it by Friday, we'll have people outside telling your customers why." },
      { text: "If you don't pay, we'll tell your boss." },
      { text: 'Pay up or your church group and neighbors will hear all about your $3,050 debt.' },
    ],
  },
  'deception/false-consequence': {
    valid: [
      { text: '逾期记录会按规定报送征信系统，不会影响您子女入学。' },
      { text: 'Your immigration status is not affected by this debt.' },
    ],
    invalid: [
      { text: '再不还钱，您的子女将被禁止入学。' },
      { text: '不还钱的话，您的签证和护照都会被注销。' },
      { text: 'Pay by Friday or we will have your driver\'s license suspended.' },
      { text: 'Debts never expire, so you will owe this forever.' },
    ],
  },
  'deception/impersonation': {
    // Advising the reader to report impostors is no claim to be the police.
    valid: [{ text: '如收到冒充我司的诈骗短信，请向公安机关报案。' }, { text: '您在本院住院治疗的自付费用尚未结清，可向本院申请分期或医疗救助。' }],
    invalid: [{ text: '我是市公安局经侦大队的，你的欠款已立案。' }],
  },
  'deception/criminal-liability': {
    // A guarantor's joint liability is a true statement of the contract.
    valid: [{ text: '关于您为宏达贸易有限公司提供个人连带责任保证的还款通知。' }],
    invalid: [{ text: '你不还钱，你的家人要承担连带责任。' }],
  },
  // disclosure kind: only for third-party recipients
  'third-party-disclosure/reveals-debt': {
    valid: [
      { text: '烦请转告张三先生回电400-800-1234。', context: { recipient: 'third-party' } },
      // The speaker label 催收员 discloses nothing.
      { text: '催收员：您好，请问是周凯先生吗？\n对方：是我，你哪位？\n催收员：我们有事需要联系李娜女士本人，请您转告她回电400-880-6123。', context: { recipient: 'third-party' } },
      // The negation runs on through a list with articles and "or".
      { text: 'Please ask Tyler to call Pat at 602-555-0110. We never mention a debt, an account or a balance.', context: { recipient: 'third-party' } },
      { text: '张三欠款5,000元已逾期。', context: { recipient: 'debtor' } },
    ],
    invalid: [{ text: '张三欠款5,000元已逾期，请督促其还款。', context: { recipient: 'third-party' } }],
  },
  // requirement kind: channel, recipient and payment intent
  'missing-amount/payment-message': {
    valid: [
      { text: '【XX银行】您的借款已逾期，应还{{amount}}，请于12月5日前还款。', channel: 'sms' },
      { text: '【XX银行】您的借款已逾期，请于12月5日前还款。' }, // unknown channel: skipped
      { text: '【XX银行】您已成功还款，感谢您的支持。', channel: 'sms' },
      { text: '【乐分期】感谢您及时处理逾期账单，您的账户已恢复正常。', channel: 'sms' },
      { text: '您好，烦请转告张三回电。', channel: 'sms', context: { recipient: 'third-party' } },
    ],
    invalid: [{ text: '【XX银行】您的借款已逾期，请于12月5日前还款。', channel: 'sms' }],
  },
  'missing-identity/institution': {
    valid: [
      // A Latin brand before 的 … 账单 names the lender in code-switched text.
      { text: '亲爱的黄小姐：\n你在 ShopLater 的 BNPL 账单已逾期，应还¥1,280.00，请于8月15日前还清。', channel: 'email' },
      // A letter heading names the bank even with a space before 还款提醒函.
      { text: '招商银行 还款提醒函\n\n您的信用卡已逾期，应还1,200元，请于12月5日前还款。', channel: 'letter' },
      { text: '【招商银行】您的信用卡已逾期，应还1,280.00元，请于12月5日前还款。', channel: 'sms' },
      { text: '您好：\n\n这是来自分期乐的还款提醒，应还1,280.00元，请于12月5日前还款。', channel: 'email' },
      { text: '催收通知\n\n您的借款已逾期，应还1,280.00元，请于12月5日前还款。\n\n闪电花', channel: 'letter' },
      // "we" then the name: the sender naming itself.
      { text: '王海：\n你欠我们易借钱的8,400元已经逾期，限你10天内还清。', channel: 'letter' },
    ],
    invalid: [
      // 多次提醒您 and 协商分期还款 name nobody; a department sign-off is not an institution.
      { text: '还款通知书\n\n您的借款已逾期40天，尚欠4,980.00元。我们已通过短信多次提醒您。请于7月31日前结清，可致电服务热线协商分期还款方案。\n\n法务部', channel: 'letter' },
      { text: '【温馨提示】您的借款已逾期，应还1,280.00元，请于12月5日前还款。', channel: 'sms' },
      // Generic words before an institution suffix name nobody: 全国金融黑名单, 各类金融业务, 你公司, a desk signature.
      { text: '您已被列入全国金融黑名单，请于3日内还清欠款2,200元。', channel: 'sms' },
      { text: '欠款3,500元明天再不还，我们的人就去你公司找你领导。', channel: 'sms' },
      { text: '您的借款已逾期，应还1,280.00元，请于12月5日前还款。保持良好信用有助于办理各类金融业务。\n\n贷后管理部', channel: 'email' },
      { text: '您的信用卡已逾期，应还1,280.00元，请于12月5日前还款。\n\n信用卡中心', channel: 'letter' },
    ],
  },
  'missing-identity/collector': {
    valid: [
      { text: 'Acme Recovery LLC is a debt collector. Your balance of $412.30 is due by Dec 5, 2026. Reply STOP to opt out.', channel: 'sms' },
      // A lower-case name counts after words that introduce the sender.
      { text: "hi! it's sam at harbor point billing, we're a debt collector. $58.20 is due by next fri. txt STOP to opt out", channel: 'sms' },
      { text: 'GREYSTONE COLLECTIONS - THIS IS A COMMUNICATION FROM A DEBT COLLECTOR. $99.00 DUE 10/15/2026. REPLY STOP TO OPT OUT.', channel: 'sms' },
    ],
    invalid: [
      { text: 'Acme Recovery LLC: your balance of $412.30 is due by Dec 5, 2026. Reply STOP to opt out.', channel: 'sms' },
      // "payment of $120" is not a receipt: the payment is late.
      { text: 'QuickCash: your loan payment of $120.00 was due 04/01 and is now 5 days late. Reply STOP to opt out.', channel: 'sms' },
      { text: "Pay today at the local credit union. It's a debt collector message. $58 due by Friday. Reply STOP to opt out.", channel: 'sms' },
      { text: 'FINAL NOTICE: $99.00 DUE 10/15/2026. THIS IS A COMMUNICATION FROM A DEBT COLLECTOR. REPLY STOP TO OPT OUT.', channel: 'sms' },
    ],
  },
  'missing-opt-out/electronic': {
    valid: [{ text: 'Acme Recovery LLC is a debt collector. Your balance of $412.30 is due by Dec 5, 2026.', channel: 'letter' }],
    invalid: [{ text: 'Acme Recovery LLC is a debt collector. Your balance of $412.30 is due by Dec 5, 2026.', channel: 'email' }],
  },
  // consistency kind
  'deception/amount-mismatch': {
    valid: [
      { text: '欠款合计1,280.00元，请于12月5日前还款。', context: { amountDue: 1280, currency: 'CNY' } },
      { text: '欠款合计1,280.00元，最低还款额200元。', context: { amountDue: 1280, currency: 'CNY' } },
      { text: '欠款合计5,860.00元。' }, // no context: nothing to contradict
    ],
    invalid: [
      { text: '欠款合计5,860.00元，请于12月5日前还款。', context: { amountDue: 1280, currency: 'CNY' } },
      // 分期 in an earlier clause does not make the stated debt a partial amount.
      { text: '您的分期借款已逾期6天，欠款叁仟捌佰元整，请于12月11日前还清。', context: { amountDue: 3500, currency: 'CNY' } },
      { text: '截至今日，您的借款本金及利息合计人民币18,320.40元。', context: { amountDue: 15320.4, currency: 'CNY' } },
    ],
  },
  'deception/due-date-mismatch': {
    valid: [
      { text: 'Your payment was due on November 3, 2026. Please pay by December 5, 2026.', context: { dueDate: '2026-11-03' } },
      { text: '您的账单已于11月3日到期，请于12月5日前还款。', context: { dueDate: '2026-11-03' } },
    ],
    invalid: [
      { text: 'Your payment was due on October 3, 2026.', context: { dueDate: '2026-11-03' } },
      { text: '您12/8到期的账单尚未还款。', context: { dueDate: '2026-12-18' } },
      // Demanding payment before the real due date.
      { text: 'Your balance of $735.50 must be paid by September 1, 2026.', context: { dueDate: '2026-10-01' } },
      { text: 'Account summary\nOriginal payment due date: April 18, 2025\nBalance: $412.00', context: { dueDate: '2025-04-08' } },
    ],
  },
  // privacy kind: check digits and Luhn, masked numbers pass
  'privacy/national-id': {
    valid: [{ text: '身份证号110***********4477' }, { text: '交易流水号202612010000123456' }],
    // The shape is enough: a made-up or mistyped ID (wrong check digit) is still shown in full.
    invalid: [{ text: '身份证号110101199003074477' }, { text: '身份证号110101199003074478' }],
  },
  'privacy/card-number': {
    valid: [{ text: '尾号7894的信用卡' }, { text: 'Reference 4111 1111 1111 1112' }],
    invalid: [{ text: 'Your card 4111 1111 1111 1111 is past due.' }, { text: '您的信用卡6222021708001234567已逾期。' }],
  },
  'privacy/ssn': {
    valid: [{ text: 'The account for SSN ***-**-6789 is past due.' }, { text: 'Call 888-555-0141 or 800 555 0122.' }],
    invalid: [{ text: 'Account for SSN 521-38-4410 shows $92.10 due.' }, { text: 'Your social security number on file is 521384410.' }],
  },
  'privacy/verification-code': {
    valid: [
      { text: '您的验证码为482913，5分钟内有效，请勿泄露给他人。' },
      { text: 'We will never ask for your card number or PIN.' },
      // 理 inside 理由 is no clause break: the negation still covers the request.
      { text: '我行工作人员不会以任何理由要求您提供密码或短信验证码。' },
    ],
    invalid: [
      { text: '您的借款已逾期，请把收到的验证码告诉客服。' },
      { text: 'Send us the 6-digit code your bank just texted you so we can process your payment.' },
      { text: 'Confirm your full card number and the 3-digit code on the back, plus the PIN you use at the ATM.' },
      { text: '请您把取款密码和刚收到的验证码报一下。' },
      { text: 'We just texted you a code - reply with it to confirm your payment plan.' },
      { text: 'To process your payment, reply to this text with your debit card PIN.' },
    ],
  },
  'privacy/password': {
    valid: [{ text: 'Use the password reset link in the app if you forgot your password.' }],
    invalid: [{ text: 'Your password for the payment portal is Qz7!maple. Use it to pay your overdue balance.' }],
  },
};

describe.each(Object.entries(table))('%s', (ruleId, { valid, invalid }) => {
  it.each(valid.map((c) => [c.text, c] as const))('valid: %s', (_t, c) => {
    expect(ruleIds(c)).not.toContain(ruleId);
  });
  it.each(invalid.map((c) => [c.text, c] as const))('invalid: %s', (_t, c) => {
    expect(ruleIds(c)).toContain(ruleId);
  });
});
