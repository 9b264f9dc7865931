/**
 * Chapter Markdown: the words the importer itself puts on cards ("What
 * interviewers check", "Follow-up", "Instead" ...), in the app's language
 * (`ImportOptions.language`). The chapter's own content is never
 * translated; only these labels follow the UI. Domain code: it does not
 * import from `ui/`.
 */
import type { CardLabelLanguage } from '../types';

export interface CardLabels {
  signalsFront: (deck: string) => string;
  signalsSource: string;
  redFlag: string;
  redFlagsSource: string;
  soundsLike: string;
  whyItHurts: string;
  instead: string;
  bareFlagPrompt: string;
  followUp: string;
  followUpsSource: string;
  probes: string;
  signalsItTests: string;
  followUpPrompt: string;
  reframe: string;
  reframeAs: (target: string) => string;
  example: string;
  takeaway: string;
  lessons: string;
  situation: string;
  task: string;
  action: string;
  result: string;
  template: string;
  framework: string;
  keyPoints: string;
  answerStructure: string;
  part: (n: number, of: number) => string;
}

const EN: CardLabels = {
  signalsFront: (deck) => `What do interviewers check with ${deck} questions?`,
  signalsSource: 'What interviewers check',
  redFlag: 'Red flag',
  redFlagsSource: 'Red flags',
  soundsLike: 'Sounds like',
  whyItHurts: 'Why it hurts',
  instead: 'Instead',
  bareFlagPrompt: 'Say why it hurts an answer and what you would do instead.',
  followUp: 'Follow-up',
  followUpsSource: 'Follow-up questions',
  probes: 'What it probes',
  signalsItTests: 'Signals it tests',
  followUpPrompt: 'Answer from one of your own stories, with specifics:',
  reframe: 'Reframe',
  reframeAs: (target) => `Reframe as ${target}`,
  example: 'Example answer',
  takeaway: 'Takeaway',
  lessons: 'Lessons',
  situation: 'Situation',
  task: 'Task',
  action: 'Action',
  result: 'Result',
  template: 'Template',
  framework: 'Framework',
  keyPoints: 'Key points',
  answerStructure: 'Answer structure',
  part: (n, of) => `part ${n} of ${of}`,
};

const RU: CardLabels = {
  signalsFront: (deck) => `Что проверяют на вопросах темы «${deck}»?`,
  signalsSource: 'Что проверяют',
  redFlag: 'Красный флаг',
  redFlagsSource: 'Красные флаги',
  soundsLike: 'Звучит так',
  whyItHurts: 'Чем плохо',
  instead: 'Вместо этого',
  bareFlagPrompt: 'Скажите, чем это вредит ответу и что сделать вместо этого.',
  followUp: 'Уточняющий вопрос',
  followUpsSource: 'Уточняющие вопросы',
  probes: 'Что проверяет',
  signalsItTests: 'Какие сигналы проверяет',
  followUpPrompt: 'Ответьте на примере своей истории, конкретно:',
  reframe: 'Переформулируйте',
  reframeAs: (target) => `Переформулируйте как ${target}`,
  example: 'Пример ответа',
  takeaway: 'Главная мысль',
  lessons: 'Выводы',
  situation: 'Ситуация',
  task: 'Задача',
  action: 'Действия',
  result: 'Результат',
  template: 'Шаблон',
  framework: 'Схема ответа',
  keyPoints: 'Ключевые моменты',
  answerStructure: 'Структура ответа',
  part: (n, of) => `часть ${n} из ${of}`,
};

/** The labels for `language` (English when absent). */
export function cardLabels(language: CardLabelLanguage | undefined): CardLabels {
  return language === 'ru' ? RU : EN;
}

/** Every label in both languages that a card of the other language must not show (for tests and checks). */
export const LABELS = { en: EN, ru: RU } as const;
