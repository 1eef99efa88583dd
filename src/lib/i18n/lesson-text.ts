/** The guided lessons: their titles, each step's instructions, and the lesson card's controls. */
import type { LessonId } from '$lib/lessons/shared/lesson';

interface LessonText {
  title: string;
  summary: string;
  steps: Record<string, string>;
}

const lessons: Record<LessonId, LessonText> = {
  firstCnn: {
    title: 'Your first CNN',
    summary: 'Build Input → Conv2D → pooling → Dense on the Shapes dataset, train it and read its curves.',
    steps: {
      conv: 'Drag a Conv2D from the palette onto the canvas, wire the Input into it (drag from the Input’s right handle to the Conv2D), and give it 16 filters in the Layer panel. Each filter learns to spot one small pattern.',
      pool: 'Add a MaxPool2D after the Conv2D. Pooling halves the height and width: the next layers see more of the picture for fewer numbers. Watch the shape under each layer change.',
      dense: 'Add a Flatten and then a Dense layer after the pooling. Give the Dense one unit per class (Shapes has 4) and the softmax activation, so it outputs one probability per class. The summary turns green when the graph fits the dataset.',
      train: 'Press Train in the training panel below. The model sees the pictures a batch at a time and nudges its weights to make fewer mistakes.',
      curves: 'Read the curves: loss falls as the model learns; accuracy is the share it gets right. The validation curves are pictures it never trained on — they tell whether it really learned. Train until validation accuracy passes 80 % (press Train again for more epochs).',
    },
  },
  mnistLenet: {
    title: 'MNIST with LeNet-5',
    summary: 'Train the classic digit reader, watch it overfit, and let early stopping keep the best epoch.',
    steps: {
      look: 'This is LeNet-5 (1998): two convolutions with average pooling, then three dense layers. The dataset is now MNIST, handwritten digits 0–9. Note the parameter count in the summary, then press Next.',
      train: 'Set 20 epochs and press Train. Train until validation accuracy passes 90 %.',
      overfit: 'Compare the two loss curves: training loss keeps falling, but validation loss stops falling and may climb. From there the model memorises its training pictures instead of learning digits: that is overfitting. The marked epoch is the best one on validation.',
      earlyStop: 'Turn on “Early stopping on validation loss” in the training panel (Regularization). It stops a run when validation loss has not improved for a few epochs and keeps the weights of the best epoch.',
      bestEpoch: 'Train again with early stopping on. The run ends by itself once validation stops improving; the model you export is the best epoch’s.',
    },
  },
  separable: {
    title: 'Depthwise-separable convolutions',
    summary: 'The same network with Conv2D and with SeparableConv2D: parameters and MACs against accuracy.',
    steps: {
      baseline: 'This network has two ordinary 3×3 convolutions. Note its parameters and MACs in the summary, then train it and note the best validation accuracy.',
      swap: 'Replace the second Conv2D (conv2) with a SeparableConv2D with the same 32 filters: add the new layer, wire pool1 → it → pool2, and delete conv2. A separable convolution filters each channel on its own, then mixes channels with a 1×1 convolution.',
      retrain: 'Train the separable network on the same data.',
      compare: 'Compare: a 3×3 Conv2D from 16 to 32 channels has 3·3·16·32 weights; the separable one has 3·3·16 + 16·32 — about 7 times fewer, with fewer MACs too. How much accuracy did it cost? This trade is what lets MobileNet run on a phone.',
    },
  },
  ownClasses: {
    title: 'Your own classes, live',
    summary: 'Capture your own classes with the webcam, train on them, try the model live and export it as ONNX.',
    steps: {
      collect: 'Open the Data tab, create a dataset and give it at least two classes (say “thumbs up” and “thumbs down”). Capture at least 10 webcam pictures for each class.',
      choose: 'In the training panel, pick your dataset in the Dataset list. The model’s Input takes its size and the output its number of classes.',
      train: 'Press Train and wait for the run to finish.',
      live: 'Open the Use tab and start the webcam: the model classifies each frame, with its confidence. Try the poses you trained on, and some you did not.',
      export: 'Back in the Model tab, press Export ONNX in the training panel: the file runs anywhere ONNX Runtime does — in a web page, on a phone or on a server.',
    },
  },
};

export const lessonText = {
  lessons,
  lessonsMenu: 'Lessons',
  lessonsMenuTitle: 'Guided lessons: step by step from a blank canvas to a trained CNN',
  lessonStepOf: (step: number, steps: number) => `Step ${step} of ${steps}`,
  lessonStart: 'Start',
  lessonContinue: (step: number) => `Continue at step ${step}`,
  lessonFinishedMark: '✓ finished',
  lessonRestart: 'Start over',
  lessonNext: 'Next',
  lessonFinish: 'Finish',
  lessonLeave: 'Leave lesson',
  lessonFold: 'Fold the lesson to its title (it unfolds at the next step)',
  lessonUnfold: 'Show the step again',
  lessonLeaveTitle: 'Close the lesson; it opens again at this step',
  lessonWaiting: 'Waiting for you to do this…',
  lessonStepDone: 'Done!',
  lessonAllDone: (title: string) => `You finished “${title}”.`,
  lessonReplacedGraph: 'The lesson put its starting graph on the canvas; Undo (Ctrl+Z) brings yours back.',
  lessonUnknown: (id: string) => `There is no lesson "${id}".`,
};
