import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { startLanguage } from './lib/app/language.svelte';

startLanguage();

export default mount(App, { target: document.getElementById('app')! });
