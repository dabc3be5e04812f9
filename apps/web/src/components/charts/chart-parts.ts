import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';

/**
 * The parts of Chart.js the portal draws with, registered once: bars on a category and a
 * linear axis, with tooltips. Never `chart.js/auto`, which brings every chart type (~3× the
 * bytes) into the first page.
 */
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

export { Chart };
