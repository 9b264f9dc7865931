/**
 * The text of the deck options' optimizer section (loaded with the section,
 * never with settings), in English and Russian, read with `useScreenT`.
 */
import type { Plural } from '../messages';
import type { ScreenMessages } from '../translate';

const en = {
  optimizerTitle: 'Optimize FSRS parameters',
  optimizerHelp:
    'FSRS predicts when you would forget each card. The optimizer fits its 21 parameters to your own answers in the decks that use these settings, on this device: nothing is sent anywhere.',
  optimizerCounting: 'Counting reviews…',
  optimizerReviewCount: { one: 'These decks have {n} review.', other: 'These decks have {n} reviews.' } satisfies Plural,
  optimizerUsingDefaults: 'In use: the default parameters.',
  optimizerUsingOwn: 'In use: parameters fitted to your reviews.',
  optimizerLastRun: { one: 'Last optimized on {date}; {n} review since.', other: 'Last optimized on {date}; {n} reviews since.' } satisfies Plural,
  optimizerNeedMore: { one: '{n} more review needed.', other: '{n} more reviews needed.' } satisfies Plural,
  optimizerNeedMoreHelp: 'The optimizer needs at least {min} reviews that count for training: answers given on a later day than the card’s previous answer, for cards studied here from their first answer.',
  optimizerTooFew: 'Only {items} of your reviews count for training: answers given on a later day than the card’s previous answer, for cards studied here from their first answer.',
  optimizerAgainReviews: { one: 'Time to optimize again: {n} new review since the last time.', other: 'Time to optimize again: {n} new reviews since the last time.' } satisfies Plural,
  optimizerAgainDays: 'Time to optimize again: more than {days} days since the last time.',
  optimizerButton: 'Optimize',
  optimizerCancel: 'Cancel',
  optimizerProgress: 'Optimizing',
  optimizerReading: 'Reading your reviews: {done} of {total}…',
  optimizerScoring: 'Scoring the current parameters…',
  optimizerTraining: 'Training on your reviews…',
  optimizerChecking: 'Scoring the new parameters…',
  optimizerCancelled: 'Optimization cancelled. Nothing was changed.',
  optimizerResultCaption: 'How well each set of parameters predicts your {items} reviews (lower is better)',
  optimizerParameters: 'Parameters',
  optimizerLogLoss: 'Log loss',
  optimizerRmse: 'RMSE (bins)',
  optimizerCurrent: 'Current',
  optimizerNew: 'New',
  optimizerBetter: 'The new parameters predict your memory better.',
  optimizerUseNew: 'Use the new parameters',
  optimizerAlreadyGood: 'Your current parameters are already as good: nothing to change.',
  optimizerApplied: 'The new parameters are in use: your next answers are scheduled with them.',
  optimizerGoBack: 'Go back to the previous parameters',
  optimizerWentBack: 'The previous parameters are in use again.',
  optimizerFailedStorage: 'The optimizer could not read your reviews: {reason}',
  optimizerFailedLoad: 'The optimizer could not start in this browser: its WebAssembly module did not load.',
  optimizerFailedTraining: 'The optimizer stopped with an error. Nothing was changed.',
};

const ru: ScreenMessages<typeof en>['ru'] = {
  optimizerTitle: 'Оптимизация параметров FSRS',
  optimizerHelp:
    'FSRS предсказывает, когда вы забудете каждую карточку. Оптимизатор подбирает 21 параметр FSRS под ваши собственные ответы в колодах с этими настройками, прямо на этом устройстве: ничего никуда не отправляется.',
  optimizerCounting: 'Считаем повторения…',
  optimizerReviewCount: {
    one: 'В этих колодах {n} повторение.',
    few: 'В этих колодах {n} повторения.',
    many: 'В этих колодах {n} повторений.',
    other: 'В этих колодах {n} повторения.',
  },
  optimizerUsingDefaults: 'Сейчас: параметры по умолчанию.',
  optimizerUsingOwn: 'Сейчас: параметры, подобранные под ваши повторения.',
  optimizerLastRun: {
    one: 'Последняя оптимизация — {date}; с тех пор {n} повторение.',
    few: 'Последняя оптимизация — {date}; с тех пор {n} повторения.',
    many: 'Последняя оптимизация — {date}; с тех пор {n} повторений.',
    other: 'Последняя оптимизация — {date}; с тех пор {n} повторения.',
  },
  optimizerNeedMore: {
    one: 'Нужно ещё {n} повторение.',
    few: 'Нужно ещё {n} повторения.',
    many: 'Нужно ещё {n} повторений.',
    other: 'Нужно ещё {n} повторения.',
  },
  optimizerNeedMoreHelp:
    'Оптимизатору нужно не меньше {min} повторений, пригодных для обучения: ответов, данных в другой день, чем предыдущий ответ на ту же карточку, для карточек, изученных здесь с самого первого ответа.',
  optimizerTooFew:
    'Для обучения пригодны только {items} ваших повторений: ответы, данные в другой день, чем предыдущий ответ на ту же карточку, для карточек, изученных здесь с самого первого ответа.',
  optimizerAgainReviews: {
    one: 'Пора оптимизировать снова: с прошлого раза {n} новое повторение.',
    few: 'Пора оптимизировать снова: с прошлого раза {n} новых повторения.',
    many: 'Пора оптимизировать снова: с прошлого раза {n} новых повторений.',
    other: 'Пора оптимизировать снова: с прошлого раза {n} нового повторения.',
  },
  optimizerAgainDays: 'Пора оптимизировать снова: с прошлого раза прошло больше {days} дней.',
  optimizerButton: 'Оптимизировать',
  optimizerCancel: 'Отменить',
  optimizerProgress: 'Оптимизация',
  optimizerReading: 'Читаем ваши повторения: {done} из {total}…',
  optimizerScoring: 'Оцениваем текущие параметры…',
  optimizerTraining: 'Обучаем на ваших повторениях…',
  optimizerChecking: 'Оцениваем новые параметры…',
  optimizerCancelled: 'Оптимизация отменена. Ничего не изменилось.',
  optimizerResultCaption: 'Насколько точно каждый набор параметров предсказывает ваши {items} повторений (меньше — лучше)',
  optimizerParameters: 'Параметры',
  optimizerLogLoss: 'Логарифмическая ошибка',
  optimizerRmse: 'RMSE (по группам)',
  optimizerCurrent: 'Текущие',
  optimizerNew: 'Новые',
  optimizerBetter: 'Новые параметры точнее предсказывают вашу память.',
  optimizerUseNew: 'Использовать новые параметры',
  optimizerAlreadyGood: 'Текущие параметры уже не хуже: менять нечего.',
  optimizerApplied: 'Новые параметры используются: следующие ответы планируются по ним.',
  optimizerGoBack: 'Вернуть предыдущие параметры',
  optimizerWentBack: 'Снова используются предыдущие параметры.',
  optimizerFailedStorage: 'Оптимизатор не смог прочитать ваши повторения: {reason}',
  optimizerFailedLoad: 'Оптимизатор не запустился в этом браузере: не загрузился его модуль WebAssembly.',
  optimizerFailedTraining: 'Оптимизатор остановился с ошибкой. Ничего не изменилось.',
};

export const OPTIMIZER_MESSAGES: ScreenMessages<typeof en> = { en, ru };
