/** The Simplified Chinese catalogue, assembled like the English one (../messages.ts) from one file per area. */
import type { Messages } from '../messages';
import { zhLayerText } from './layer-text';
import { zhTrainingText } from './training-text';
import { zhDataText } from './data-text';
import { zhLiveText } from './live-text';
import { zhForeignText } from './foreign-text';
import { zhDeviceText } from './device-text';
import { zhProjectText } from './project-text';
import { zhLessonText } from './lesson-text';
import { zhClassroomText } from './classroom-text';
import { zhDoctorText } from './doctor-text';
import { zhEvaluationText } from './evaluation-text';
import { zhShipText } from './ship-text';
import { zhLanguageText } from './language-text';
import { zhRunsText } from './runs-text';
import { zhInsideText } from './inside-text';
import { zhBase } from './base';

export const zh: Messages = {
  ...zhLayerText,
  ...zhTrainingText,
  ...zhDataText,
  ...zhLiveText,
  ...zhForeignText,
  ...zhDeviceText,
  ...zhProjectText,
  ...zhLessonText,
  ...zhClassroomText,
  ...zhDoctorText,
  ...zhEvaluationText,
  ...zhShipText,
  ...zhLanguageText,
  ...zhRunsText,
  ...zhInsideText,
  ...zhBase,
};
