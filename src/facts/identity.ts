import { PLACEHOLDER_MASK } from '../text/placeholders.js';
import type { PhraseMatcher } from '../text/phrase-matcher.js';
import { wordStripper } from '../text/word-stripper.js';

/** Who is collecting: a 【signature】 that names an institution, or an institution named in the text. */
export interface IdentityFacts {
  /** A signature that names someone (not 【温馨提示】). */
  namedSignature: boolean;
  /** Signatures present but all neutral. */
  neutralSignatureOnly: boolean;
  /** An institution named in the prose (招商银行, XX消费金融). */
  institutionInText: boolean;
}

const SIGNATURE_RE = /【([^【】]{1,30})】|^\s*\[([^\[\]]{2,30})\]|\[([^\[\]]{2,30})\]\s*$/g;

/** Words that say nothing about who is speaking when they stand before an institution suffix. */
const FUNCTION_CHARS = /^[我你您他她本贵该此其这那们的在于向给到将被由是为和与及所对从把经已]+/;
/** Generic words that never name who is collecting, however they combine (全国金融, 贷后管理, 信用卡). */
const GENERIC_WORDS = ['贷后管理', '客户服务', '催收通知', '还款提醒', '系统通知', '风险管理', '催收管理', '信用卡', '银行卡', '全国', '贷后', '管理', '客服', '风控', '法务', '清收', '服务', '客户', '会员', '账户', '账务', '还款', '结算', '运营', '业务', '多次', '再次', '反复', '一再', '特此', '在此', '郑重', '此前', '短信', '电话', '微信', '通过', '已经'].sort((a, b) => b.length - a.length);
/** Characters that end a name when read leftwards from a suffix: 我们的人就去你公司 names no company. */
const NAME_BREAK = /[我你您他她的在于向给到将被由是为和与及所对从把经已就去找来让叫]/;

/** Words after an institution suffix that turn it into a generic noun (各类金融业务, 全国金融黑名单). */
const GENERIC_AFTER = /^(?:黑名单|机构|行业|产品|服务|监管|知识|业务|诈骗|风险|消费者|后)/;
/** After a product word (分期, 贷) these make it a plan, not a lender: 协商分期还款方案. 招商银行还款提醒函 still names a bank. */
const PRODUCT_SUFFIX = new Set(['分期', '贷']);
const PLAN_AFTER = /^(?:还款|付款|方案|计划|协议|申请|办理)/;

const GENERIC_PREFIXES = new Set(['温馨', '系统', '特别', '重要', '友情', '友好', '官方', '贷款', '网贷', '逾期', '欠款', '个人', '网络', '小额', '信用', '消费', '催收', '外包', '第三方', '合作', '委托', '专业', '正规', '相关', '贷款', '借款', '网贷', '金融', '有关', '各家', '多家', '其他', '任何']);

/** What is left of a would-be institution name once generic words are taken out. */
const specificPart = wordStripper([...GENERIC_WORDS, ...GENERIC_PREFIXES]);

export function findIdentity(text: string, neutralWords: string[], suffixes: PhraseMatcher<true>): IdentityFacts {
  let named = false;
  let anySignature = false;
  SIGNATURE_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = SIGNATURE_RE.exec(text)) !== null) {
    anySignature = true;
    let inner = (m[1] ?? m[2] ?? m[3] ?? '').replace(/[\s·・\-_]/g, '');
    if (inner.includes(PLACEHOLDER_MASK)) {
      named = true;
      continue;
    }
    inner = wordStripper(neutralWords)(inner);
    if (inner.length >= 2) named = true;
  }
  return { namedSignature: named, neutralSignatureOnly: anySignature && !named, institutionInText: institutionNamed(text, suffixes) };
}

/** 您在宜借的借款 / 你拖欠鑫诚的欠款 / 你在 ShopLater 的 BNPL 账单: the lender named as where the debt is. */
const DEBT_HOLDER_RE = /(?:在|欠|向|拖欠)[ \t]?([\u4e00-\u9fffa-z0-9]{2,12}?)[ \t]?(?:平台)?的[ \t]?(?:借款|欠款|贷款|账单|分期|款项|bnpl|loan|bill|\d)/g;

/** 这是来自分期乐的还款提醒 / 这里是宜信普惠，: the sender introducing itself. */
const SENDER_RE = /(?:来自|这里是)([\u4e00-\u9fffa-z0-9]{2,10}?)(?:的|[，,。：:\s])/g;

/** A letter or e-mail signed off with a bare name on its last line (闪电花, 锦程消费): the sender. */
const SIGN_OFF_RE = /\n\s*([\u4e00-\u9fffa-z]{2,12})\s*$/;
/** Last lines that close a letter without naming anyone. */
const CLOSINGS = /^(此致|敬礼|此致敬礼|谢谢|感谢|祝好|顺祝商祺|特此通知|特此告知|请知悉|敬请谅解|敬请知悉|祝您生活愉快|顺颂商祺)$/;
/** Department words: 贷后管理部, 信用卡中心 say which desk, not which institution. */
const DEPARTMENT = /(中心|部门|部|团队|小组|组|科|处|室)$/;

function signedOff(text: string): boolean {
  const m = SIGN_OFF_RE.exec(text);
  if (!m || CLOSINGS.test(m[1]!)) return false;
  return specificPart(m[1]!.replace(DEPARTMENT, '')).length >= 2;
}

function institutionNamed(text: string, suffixes: PhraseMatcher<true>): boolean {
  if (signedOff(text)) return true;
  for (const m of text.matchAll(SENDER_RE)) {
    if (specificPart(m[1]!).length >= 2 && !/^(我|你|您|本|贵)/.test(m[1]!)) return true;
  }
  for (const m of text.matchAll(DEBT_HOLDER_RE)) {
    // 你欠我们易借钱的8,400元: "we" followed by the name is the sender naming itself.
    const held = m[1]!.replace(/^(?:我们|咱们|我司)(?=[\u4e00-\u9fffa-z0-9]{2})/, '');
    const name = held.replace(FUNCTION_CHARS, '');
    if (name.length >= 2 && !GENERIC_PREFIXES.has(name) && !/^(我|你|您|本|贵)/.test(held)) return true;
  }
  for (const hit of suffixes.find(text)) {
    // 贷 names a product (汇通贷), 贷款 does not; 金融业务, 金融黑名单, 银行机构 name a kind, not a sender.
    const after = text.slice(hit.end, hit.end + 3);
    if (text[hit.end] === '款' || GENERIC_AFTER.test(after) || (PRODUCT_SUFFIX.has(hit.term) && PLAN_AFTER.test(after))) continue;
    let prefix = '';
    for (let i = hit.start - 1; i >= 0 && hit.start - i <= 6; i--) {
      const ch = text[i]!;
      if (!/[\u4e00-\u9fffa-z0-9\uE000]/.test(ch)) break;
      prefix = ch + prefix;
    }
    prefix = prefix.split(NAME_BREAK).pop()!;
    if (prefix.includes(PLACEHOLDER_MASK)) return true;
    if (prefix.length >= 2 && !GENERIC_PREFIXES.has(prefix) && !GENERIC_PREFIXES.has(prefix.slice(-2)) && specificPart(prefix).length >= 2) return true;
  }
  return false;
}

const EN_SUFFIX =
  'LLC|L\\.L\\.C\\.|Inc\\.?|Incorporated|Corp\\.?|Corporation|Co\\.|Ltd\\.?|LP|LLP|PLLC|P\\.C\\.|Bank|Bancorp|Financial|Finance|Recovery|Recoveries|Collections?|Credit|Services|Capital|Partners|Associates|Group|Lending|Loans?|Funding|Solutions|Management|Agency|Holdings|Servicing|Receivables|Acceptance|Portfolio|Law Firm|Credit Union|Billing|Accounts|Attorneys|Bureau|Auto Finance|Trust|Fund|Systems|Mgmt\\.?|Asset Management';
const EN_COMPANY_RE = new RegExp(`((?:(?:[A-Z][A-Za-z0-9&'.-]*|&),?\\s+){1,4})(?:${EN_SUFFIX})\\b`, 'g');
const EN_STOP = new Set(['The', 'Your', 'Our', 'This', 'That', 'A', 'An', 'Dear', 'Hi', 'Hello', 'Please', 'If', 'We', 'You', 'To', 'From', 'Call', 'Contact', 'Pay', 'Any', 'No', 'Re', 'Subject', 'Account', 'Payment', 'Debt', 'Past', 'Due', 'Final', 'Notice']);
/** "Acme: your balance…" — a brand name opening an SMS. */
const EN_SMS_BRAND_RE = /^\s*(?:[A-Z][A-Za-z0-9&'.-]+\s?){1,4}:\s/;

/** "it's kim at redwood billing solutions": a lower-case name, trusted only after words that introduce a sender. */
const EN_INTRO_COMPANY_RE = new RegExp(`\\b(?:this is|it's|it is|from|at|with|on behalf of)\\s+((?:[a-z0-9&'.-]+\\s+){1,3})(?:${EN_SUFFIX})\\b`, 'gi');
const EN_INTRO_STOP = new Set([...[...EN_STOP].map((w) => w.toLowerCase()), 'a', 'an', 'my', 'his', 'her', 'their', 'its', 'local', 'nearest', 'any', 'another', 'some', 'debt', 'collection', 'collections', 'credit', 'the', 'your', 'our']);

/** An English company name (case-sensitive, so it reads the original text; text in capitals is read title-cased). */
export function findEnglishCompany(original: string): boolean {
  if (companyIn(original)) return true;
  const upper = original.replace(/[^A-Z]/g, '').length;
  const letters = original.replace(/[^A-Za-z]/g, '').length;
  return letters > 0 && upper / letters > 0.6 && companyIn(original.toLowerCase().replace(/\b[a-z]/g, (c) => c.toUpperCase()));
}

const titleCase = (w: string) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase();

function companyIn(original: string): boolean {
  EN_COMPANY_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = EN_COMPANY_RE.exec(original)) !== null) {
    const words = m[1]!.split(/[\s,]+/).filter(Boolean);
    if (words.some((w) => w !== '&' && !EN_STOP.has(w.replace(/[.']/g, '')))) return true;
  }
  EN_INTRO_COMPANY_RE.lastIndex = 0;
  while ((m = EN_INTRO_COMPANY_RE.exec(original)) !== null) {
    if (m[1]!.split(/\s+/).some((w) => w && !EN_INTRO_STOP.has(w.toLowerCase().replace(/[.']/g, '')))) return true;
  }
  const brand = EN_SMS_BRAND_RE.exec(original);
  if (brand && !brand[0].split(/[\s:]+/).filter(Boolean).every((w) => EN_STOP.has(titleCase(w)) || /^(Reminder|Alert|Notice|Important|Urgent|Update)$/.test(titleCase(w)))) return true;
  return false;
}
