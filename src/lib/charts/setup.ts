import { Chart, LineController, LineElement, PointElement, LinearScale, Legend, Tooltip } from 'chart.js';

// Registering only what line charts use keeps chart.js's unused controllers out of the bundle.
Chart.register(LineController, LineElement, PointElement, LinearScale, Legend, Tooltip);

export { Chart };
