import { describe, expect, it } from 'vitest';
import { strangerLang } from '../../src/core/messages.js';

describe('the language a stranger is answered in', () => {
  it('is Vietnamese when their app shows Vietnamese or says nothing, English for any other language', () => {
    expect([undefined, '', 'vi', 'VI', 'vi-VN', ' vi ', 'vie', 'vi_VN'].map(strangerLang)).toEqual(['vi', 'vi', 'vi', 'vi', 'vi', 'vi', 'vi', 'vi']);
    expect(['en', 'en-GB', 'fr', 'ja', 'zh-hans', 'video'].map(strangerLang)).toEqual(['en', 'en', 'en', 'en', 'en', 'en']);
  });
});
