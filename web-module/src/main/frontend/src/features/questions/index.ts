export { QuestionsPanel, type QuestionsSource } from './QuestionsPanel';
